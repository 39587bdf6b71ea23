import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
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
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  IsReadableName,
  MAX_POSITIONS,
  NATIONAL_ID_PATTERN,
  OPENING_STATUSES,
  OpeningStatus,
  PROGRAMMES,
  Programme,
  Quotas,
  Requirements,
  SCOPES,
  SECTORS,
  Salary,
  Scope,
  Sector,
  WorkerCost,
} from '@jobfair/contracts';
import { PageQuery } from '@jobfair/platform';

export class PostOpeningDto {
  @ApiPropertyOptional({ description: 'required for centre staff; an employer user posts for itself' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  employerId?: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsReadableName()
  title!: string;

  @ApiProperty({ enum: SECTORS })
  @IsIn(SECTORS)
  sector!: Sector;

  @ApiProperty({ enum: SCOPES })
  @IsIn(SCOPES)
  scope!: Scope;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2, e.g. KR, JP, TW, VN' })
  @IsISO31661Alpha2()
  country!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  province!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;

  @ApiProperty({ enum: PROGRAMMES })
  @IsIn(PROGRAMMES)
  programme!: Programme;

  @ApiPropertyOptional({
    description: "the farm household the workers go to: the programme's cap per household counts the openings naming it",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsReadableName()
  household?: string;

  @ApiProperty({ minimum: 1, maximum: MAX_POSITIONS })
  @IsInt()
  @Min(1)
  @Max(MAX_POSITIONS)
  positions!: number;

  @ApiPropertyOptional({ type: Quotas, description: 'firstTime + returning must equal positions' })
  @IsOptional()
  @ValidateNested()
  @Type(() => Quotas)
  quotas?: Quotas;

  @ApiPropertyOptional({ type: [String], description: 'national IDs of returning workers asked for by name' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_POSITIONS)
  @Matches(NATIONAL_ID_PATTERN, { each: true })
  designatedWorkers?: string[];

  @ApiPropertyOptional({ type: Requirements })
  @IsOptional()
  @ValidateNested()
  @Type(() => Requirements)
  requirements?: Requirements;

  @ApiPropertyOptional({ type: Salary })
  @IsOptional()
  @ValidateNested()
  @Type(() => Salary)
  salary?: Salary;

  @ApiPropertyOptional({ type: [WorkerCost], description: 'what the worker pays: shown to seekers' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => WorkerCost)
  costs?: WorkerCost[];

  @ApiProperty({ example: '2027-03-01' })
  @IsISO8601({ strict: true })
  startDate!: string;
}

export class UpdateOpeningDto extends PartialType(
  PickType(PostOpeningDto, [
    'title',
    'district',
    'household',
    'positions',
    'quotas',
    'designatedWorkers',
    'requirements',
    'salary',
    'costs',
    'startDate',
  ] as const),
) {}

export class ListOpeningsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) employerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) fairId?: string;
  @ApiPropertyOptional({ enum: SCOPES }) @IsOptional() @IsIn(SCOPES) scope?: Scope;
  @ApiPropertyOptional() @IsOptional() @IsISO31661Alpha2() country?: string;
  @ApiPropertyOptional({ enum: SECTORS }) @IsOptional() @IsIn(SECTORS) sector?: Sector;
  @ApiPropertyOptional({ enum: OPENING_STATUSES }) @IsOptional() @IsIn(OPENING_STATUSES) status?: OpeningStatus;
}
