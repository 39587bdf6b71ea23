import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO31661Alpha2,
  IsISO8601,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../registry';
import { Topics } from '../topics';
import { NATIONAL_ID_PATTERN, Quotas, Requirements, Salary, WorkerCost } from '../values';
import { EMPLOYER_KINDS, EmployerKind, OPENING_STATUSES, OpeningStatus, PROGRAMMES, Programme, SCOPES, Scope } from '../vocabulary';

/** The employer as other services may know it (event-carried state). */
export class EmployerSnapshot {
  @IsString()
  @IsNotEmpty()
  id!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @IsIn(EMPLOYER_KINDS)
  kind!: EmployerKind;

  @IsOptional()
  @IsString()
  @MaxLength(60)
  licenceNumber?: string;

  @IsISO31661Alpha2()
  country!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  province?: string;
}

/** The opening as other services may know it: everything matching and fairs need. */
export class OpeningSnapshot {
  @IsString()
  @IsNotEmpty()
  id!: string;

  @IsString()
  @IsNotEmpty()
  employerId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  sector!: string;

  @IsIn(SCOPES)
  scope!: Scope;

  @IsISO31661Alpha2()
  country!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  province!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;

  @IsIn(PROGRAMMES)
  programme!: Programme;

  /** The farm household the workers go to (seasonal programme: caps per household); added in issue 14, optional. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  household?: string;

  @IsInt()
  @Min(1)
  positions!: number;

  @IsInt()
  @Min(0)
  filled!: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => Quotas)
  quotas?: Quotas;

  /** National IDs of returning workers the employer asked for by name. */
  @IsArray()
  @ArrayMaxSize(10000)
  @Matches(NATIONAL_ID_PATTERN, { each: true })
  designatedWorkers!: string[];

  @ValidateNested()
  @Type(() => Requirements)
  requirements!: Requirements;

  @IsOptional()
  @ValidateNested()
  @Type(() => Salary)
  salary?: Salary;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => WorkerCost)
  costs!: WorkerCost[];

  @IsISO8601({ strict: true })
  startDate!: string;

  @IsIn(OPENING_STATUSES)
  status!: OpeningStatus;
}

export const EmployerRegistered = defineEvent('EmployerRegistered', Topics.employer, EmployerSnapshot);
export const EmployerUpdated = defineEvent('EmployerUpdated', Topics.employer, EmployerSnapshot);

export const OpeningPosted = defineEvent('OpeningPosted', Topics.opening, OpeningSnapshot);
export const OpeningUpdated = defineEvent('OpeningUpdated', Topics.opening, OpeningSnapshot);
/** Closed by its employer or by staff, or filled by placements (status tells which). */
export const OpeningClosed = defineEvent('OpeningClosed', Topics.opening, OpeningSnapshot);
