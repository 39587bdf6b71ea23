import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../registry';
import { Topics } from '../topics';
import { Consent, LanguageTestResult, MAX_LIST, NATIONAL_ID_PATTERN, OverseasStint, Preferences, SkillExperience } from '../values';
import { GENDERS, Gender, HOUSEHOLD_STATUSES, HouseholdStatus } from '../vocabulary';

/** What a person tells the centre about themselves; the seekers service's public contract. */
export class SeekerProfile {
  @Matches(NATIONAL_ID_PATTERN)
  nationalId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName!: string;

  @IsISO8601({ strict: true })
  birthDate!: string;

  @IsIn(GENDERS)
  gender!: Gender;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  province!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  education?: string;

  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @ValidateNested({ each: true })
  @Type(() => SkillExperience)
  skills!: SkillExperience[];

  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @ValidateNested({ each: true })
  @Type(() => LanguageTestResult)
  languageTests!: LanguageTestResult[];

  @ValidateNested()
  @Type(() => Preferences)
  preferences!: Preferences;

  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @ValidateNested({ each: true })
  @Type(() => OverseasStint)
  overseasHistory!: OverseasStint[];

  @IsIn(HOUSEHOLD_STATUSES)
  householdStatus!: HouseholdStatus;

  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @ValidateNested({ each: true })
  @Type(() => Consent)
  consents!: Consent[];
}

/** A registration request: the profile plus contact data that stays in the seekers service. */
export class SeekerRegistration extends SeekerProfile {
  @IsOptional()
  @Matches(/^\+?[0-9 ]{8,16}$/)
  phone?: string;
}

/**
 * A seeker as the centre's own services know it. It carries personal and sensitive
 * data (household status), so only centre-side services consume this topic; the
 * employers service never does, and the matcher strips it from employer views.
 */
export class SeekerSnapshot extends SeekerProfile {
  @IsString()
  @IsNotEmpty()
  id!: string;

  /** False once placed: a placed seeker is no longer offered to employers. */
  @IsBoolean()
  available!: boolean;

  /** Set when the seeker registered as a walk-in at a fair: lets fairs resolve its pending check-in. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  walkInRef?: string;
}

export class SeekerErasure {
  @IsString()
  @IsNotEmpty()
  id!: string;

  @IsISO8601()
  erasedAt!: string;
}

export const SeekerRegistered = defineEvent('SeekerRegistered', Topics.seeker, SeekerSnapshot);
export const SeekerUpdated = defineEvent('SeekerUpdated', Topics.seeker, SeekerSnapshot);
/** Erasure on request: every service forgets the person's data it holds. */
export const SeekerErased = defineEvent('SeekerErased', Topics.seeker, SeekerErasure);
