import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CrossFieldRule, NATIONAL_ID_PATTERN, SeekerRegistration } from '@jobfair/contracts';
import { PageQuery } from '@jobfair/platform';

/** The most check-ins one offline device uploads at once (a mobile fair's day fits in a few batches). */
export const MAX_BATCH = 500;

/** Pre-registers a known seeker for a fair (SeekerPreRegistered); the seekers service has its own RegisterSeekerDto. */
export class PreRegisterSeekerDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  seekerId!: string;
}

/** Who arrives: exactly one of a known seeker's id, a known seeker's national ID, or a walk-in's registration. */
@CrossFieldRule({ oneOf: [{ required: ['seekerId'] }, { required: ['nationalId'] }, { required: ['registration'] }] })
class CheckInBase {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  seekerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(NATIONAL_ID_PATTERN)
  nationalId?: string;

  @ApiPropertyOptional({ type: SeekerRegistration, description: 'a walk-in not registered yet' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SeekerRegistration)
  registration?: SeekerRegistration;

  @ApiProperty({ description: "the device's own reference: the same one again returns the same check-in" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  clientRef!: string;
}

export class CheckInDto extends CheckInBase {
  @ApiPropertyOptional({ description: "the device's time of arrival; now if absent" })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;
}

/** An item of an offline upload: the device's time is required, the upload happens later. */
export class OfflineCheckInDto extends CheckInBase {
  @ApiProperty()
  @IsISO8601({ strict: true })
  at!: string;
}

export class CheckInBatchDto {
  @ApiProperty({ type: [OfflineCheckInDto], maxItems: MAX_BATCH, description: 'each item is checked on its own' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH)
  @IsObject({ each: true })
  items!: Record<string, unknown>[];
}

/** The cross-field rule the field validators cannot see; each problem names its field. */
export function identityProblems(dto: CheckInBase): string[] {
  const given = (['seekerId', 'nationalId', 'registration'] as const).filter((field) => dto[field] !== undefined);
  if (given.length === 1) return [];
  return given.length
    ? given.map((field) => `${field}: give only one of seekerId, nationalId, registration`)
    : ['seekerId: one of seekerId, nationalId or registration is required'];
}

export class ListAttendanceQuery extends PageQuery {
  @ApiProperty({ description: 'the seeker whose fairs are listed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  seekerId!: string;
}
