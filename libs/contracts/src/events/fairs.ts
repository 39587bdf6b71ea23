import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../registry';
import { Topics } from '../topics';
import { FAIR_KINDS, FAIR_STATUSES, FairKind, FairStatus } from '../vocabulary';
import { DataKeyIssue, DataKeyShredding, SealedPersonalData } from '../personal-data';

export class Booth {
  @IsString()
  @IsNotEmpty()
  employerId!: string;

  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  openingIds!: string[];
}

export class FairSnapshot {
  @IsString()
  @IsNotEmpty()
  id!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @IsIn(FAIR_KINDS)
  kind!: FairKind;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  province!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  venue!: string;

  @IsISO8601()
  startsAt!: string;

  @IsISO8601()
  endsAt!: string;

  @IsIn(FAIR_STATUSES)
  status!: FairStatus;

  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => Booth)
  booths!: Booth[];
}

/** Attendance aggregate: one per fair and seeker, id `<fairId>:<seekerId>`. */
export class FairRegistration {
  @IsString()
  @IsNotEmpty()
  fairId!: string;

  @IsString()
  @IsNotEmpty()
  seekerId!: string;

  @IsISO8601()
  registeredAt!: string;
}

export class CheckIn {
  @IsString()
  @IsNotEmpty()
  fairId!: string;

  @IsString()
  @IsNotEmpty()
  seekerId!: string;

  @IsString()
  @IsNotEmpty()
  checkInId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  clientRef!: string;

  @IsISO8601()
  at!: string;

  @IsBoolean()
  walkIn!: boolean;
}

/**
 * A walk-in not yet registered: the fairs service asks the seekers service to register
 * the person (its public contract, `SeekerRegistration`, sealed under the walk-in's own
 * data key on fairs.walk-in-key.v1), and completes the check-in on SeekerRegistered.
 */
export class WalkInRegistrationRequest {
  @IsString()
  @IsNotEmpty()
  fairId!: string;

  @IsString()
  @IsNotEmpty()
  checkInId!: string;

  /** Echoed back as `walkInRef` on the seeker's SeekerRegistered/SeekerUpdated event. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  walkInRef!: string;

  /** `SeekerRegistration`, sealed: phone, household status and the rest never travel in clear. */
  @IsDefined()
  @ValidateNested()
  @Type(() => SealedPersonalData)
  registration!: SealedPersonalData;
}

export const FairScheduled = defineEvent('FairScheduled', Topics.fair, FairSnapshot);
export const FairOpened = defineEvent('FairOpened', Topics.fair, FairSnapshot);
export const FairClosed = defineEvent('FairClosed', Topics.fair, FairSnapshot);
export const BoothSetUp = defineEvent('BoothSetUp', Topics.fair, FairSnapshot);
/** A booth brings fewer openings, or none: then it is gone from the snapshot's booths. */
export const BoothReduced = defineEvent('BoothReduced', Topics.fair, FairSnapshot);

export const SeekerPreRegistered = defineEvent('SeekerPreRegistered', Topics.attendance, FairRegistration);
export const SeekerCheckedIn = defineEvent('SeekerCheckedIn', Topics.attendance, CheckIn);
export const WalkInRegistrationRequested = defineEvent('WalkInRegistrationRequested', Topics.attendance, WalkInRegistrationRequest);
/** A walk-in request's data key (wrapped), keyed by its `walkInRef` on a compacted topic; only the seekers service reads it. */
export const WalkInDataKeyIssued = defineEvent('WalkInDataKeyIssued', Topics.walkInKey, DataKeyIssue);
/** Shredded once the request is answered (or the walk-in erased): the request's copies no longer open. */
export const WalkInDataKeyShredded = defineEvent('WalkInDataKeyShredded', Topics.walkInKey, DataKeyShredding);
