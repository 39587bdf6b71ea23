import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  Consent,
  GENDERS,
  Gender,
  HOUSEHOLD_STATUSES,
  HouseholdStatus,
  LanguageTestResult,
  MedicalCheck,
  NATIONAL_ID_PATTERN,
  OverseasStint,
  Preferences,
  RosterEntry,
  SeekerRegistration,
  SeekerSnapshot,
  SkillExperience,
} from '@jobfair/contracts';
import { DUPLICATE_REASONS, DuplicateReason } from '@jobfair/matching';
import { PageQuery } from '@jobfair/platform';

/**
 * `POST /seekers`: validated by the public contract itself (`SeekerRegistration`, the
 * same rules a walk-in request meets on the wire); the fields are restated here only
 * to document them in the OpenAPI document.
 */
export class RegisterSeekerDto extends SeekerRegistration {
  @ApiProperty({ example: '001099012345', pattern: NATIONAL_ID_PATTERN.source }) declare nationalId: string;
  @ApiProperty({ example: 'Nguyễn Văn An' }) declare fullName: string;
  @ApiProperty({ example: '1998-04-21', description: 'YYYY-MM-DD' }) declare birthDate: string;
  @ApiProperty({ enum: GENDERS }) declare gender: Gender;
  @ApiPropertyOptional({ example: '+84 912 345 678', description: 'stays in the seekers service' }) declare phone?: string;
  @ApiProperty({ example: 'Thanh Hoa' }) declare province: string;
  @ApiPropertyOptional() declare district?: string;
  @ApiPropertyOptional() declare education?: string;
  @ApiProperty({ type: [SkillExperience], description: '{name, years}' }) declare skills: SkillExperience[];
  @ApiProperty({ type: [LanguageTestResult], description: '{test, score or level, takenAt}' })
  declare languageTests: LanguageTestResult[];
  @ApiProperty({ type: Preferences, description: '{scopes, countries (ordered), sectors (ordered), minSalary?}' })
  declare preferences: Preferences;
  @ApiProperty({ type: [OverseasStint], description: '{country, employer?, programme?, from, to?, rehireRecommended?}' })
  declare overseasHistory: OverseasStint[];
  @ApiProperty({ enum: HOUSEHOLD_STATUSES, description: 'sensitive: never shown to employers' })
  declare householdStatus: HouseholdStatus;
  @ApiProperty({ type: [Consent], description: '{purpose, granted, at}; a purpose not listed is not granted' })
  declare consents: Consent[];
  @ApiPropertyOptional({
    type: MedicalCheck,
    description: '{checkedAt, result: fit or unfit}: sensitive health data; valid 1 year, judged on an opening start date',
  })
  declare medicalCheck?: MedicalCheck;
  @ApiPropertyOptional({ type: [RosterEntry], description: '{programme, enteredAt}: a place on a programme roster, valid 1 year' })
  declare rosterEntries?: RosterEntry[];
}

/** `PATCH /seekers/:id`: any profile field but the national ID (identity) and availability (placements decide it). */
export class UpdateSeekerDto extends PartialType(OmitType(RegisterSeekerDto, ['nationalId'] as const)) {}

export class ListSeekersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'exact national ID' })
  @IsOptional()
  @Matches(NATIONAL_ID_PATTERN)
  nationalId?: string;

  @ApiPropertyOptional({
    description: 'part of the full name, with or without diacritics: each word starts a word of the name, in order',
    example: 'nguyen van an',
  })
  @IsOptional()
  @Matches(/\p{L}/u, { message: 'name must contain a letter' })
  @MaxLength(100)
  name?: string;
}

/** What centre staff see: the profile with the phone, and near-duplicates to review. */
export interface SeekerView extends Omit<SeekerSnapshot, 'walkInRef'> {
  phone?: string;
  /** Other seekers with the same full name and birth date but another national ID. */
  possibleDuplicates: string[];
}

const SEEKER_ID_MAX_LENGTH = 100;

export class ListDuplicatesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only the pairs this seeker is in' })
  @IsOptional()
  @IsString()
  @MaxLength(SEEKER_ID_MAX_LENGTH)
  seekerId?: string;
}

/** `POST /seekers/:id/merge`: the record that goes into `:id` (the survivor). */
export class MergeSeekersDto {
  @ApiProperty({ description: 'the other record of the same person; it becomes a tombstone pointing at the survivor' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(SEEKER_ID_MAX_LENGTH)
  duplicateId!: string;
}

/** `POST /seekers/duplicates/distinct`: two records staff judged to be two people. */
export class DistinctPairDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(SEEKER_ID_MAX_LENGTH) a!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(SEEKER_ID_MAX_LENGTH) b!: string;
}

/** One side of a candidate pair: what staff compare to decide (the phone stays in this service anyway). */
export class DuplicateSide {
  @ApiProperty() id!: string;
  @ApiProperty() nationalId!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() birthDate!: string;
  @ApiProperty({ enum: GENDERS }) gender!: Gender;
  @ApiPropertyOptional() phone?: string;
  @ApiProperty() province!: string;
  @ApiPropertyOptional() district?: string;
  @ApiProperty({ description: 'when the record was made' }) createdAt!: string;
}

export class DuplicatePairView {
  @ApiProperty({ type: DuplicateSide }) a!: DuplicateSide;
  @ApiProperty({ type: DuplicateSide }) b!: DuplicateSide;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'how sure: 100 is the same name, birth date and phone' }) score!: number;
  @ApiProperty({ enum: DUPLICATE_REASONS, isArray: true }) reasons!: DuplicateReason[];
}
