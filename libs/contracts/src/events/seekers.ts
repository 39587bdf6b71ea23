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
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../registry';
import { Topics } from '../topics';
import { DataKeyIssue, DataKeyShredding, SealedPersonalData } from '../personal-data';
import {
  Consent,
  LanguageTestResult,
  MAX_LIST,
  MedicalCheck,
  NATIONAL_ID_PATTERN,
  OverseasStint,
  Preferences,
  RosterEntry,
  SkillExperience,
} from '../values';
import { GENDERS, Gender, HOUSEHOLD_STATUSES, HouseholdStatus, SEEKER_DOCUMENT_KINDS, SeekerDocumentKind } from '../vocabulary';

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

  /** Added with the validity clocks (optional: older producers and profiles have none). */
  @IsOptional()
  @ValidateNested()
  @Type(() => MedicalCheck)
  medicalCheck?: MedicalCheck;

  /** One entry per programme roster the seeker is on (the latest counts); optional, like the medical check. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @ValidateNested({ each: true })
  @Type(() => RosterEntry)
  rosterEntries?: RosterEntry[];
}

/** A registration request: the profile plus contact data that stays in the seekers service. */
export class SeekerRegistration extends SeekerProfile {
  @IsOptional()
  @Matches(/^\+?[0-9 ]{8,16}$/)
  phone?: string;
}

/**
 * A seeker as the centre's own services know it, once its event is opened. It carries
 * personal and sensitive data (household status), so only centre-side services read it;
 * the employers service never does, and the matcher strips it from employer views.
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

/** What a seeker event seals: the whole profile and availability (everything about the person). */
export class SeekerSealedFields extends SeekerProfile {
  @IsBoolean()
  available!: boolean;
}

/**
 * A seeker event on the wire (seekers.seeker.v2): the person's fields sealed under the
 * seeker's data key (seekers.seeker-key.v1), so that shredding the key erases every copy.
 * In clear only what identifies nobody: the seeker's random id (the message key, and which
 * key opens it) and the walk-in request it answers (a random check-in id, which lets the
 * fairs service close that request even when the person was erased before it arrived).
 */
export class SealedSeekerSnapshot {
  @IsString()
  @IsNotEmpty()
  id!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  walkInRef?: string;

  /** `SeekerSealedFields`, sealed. */
  @IsDefined()
  @ValidateNested()
  @Type(() => SealedPersonalData)
  personal!: SealedPersonalData;
}

/** Which of a seeker's documents ran out: no result in it (a medical check's result stays sealed), only its kind and dates. */
export class ExpiredDocument {
  @IsIn(SEEKER_DOCUMENT_KINDS)
  kind!: SeekerDocumentKind;

  /** The test (`EPS-TOPIK`), the roster's programme (`eps`), or `medical`. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  name!: string;

  @IsISO8601({ strict: true })
  takenOn!: string;

  /** The last day it counted. */
  @IsISO8601({ strict: true })
  validUntil!: string;
}

/** A seeker event that also tells which document ran out (the seeker's data as in every seeker event, sealed). */
export class SeekerDocumentExpiry extends SealedSeekerSnapshot {
  @IsDefined()
  @ValidateNested()
  @Type(() => ExpiredDocument)
  expired!: ExpiredDocument;
}

export class SeekerErasure {
  @IsString()
  @IsNotEmpty()
  id!: string;

  @IsISO8601()
  erasedAt!: string;
}

/**
 * Two records of one person made one by staff (never by the system alone): the merged record
 * is a tombstone from now on, and what the services hold under it belongs to the survivor.
 * Only the two random ids travel (no personal data, so nothing to seal); the message key is the
 * merged seeker's id, whose record this event ends.
 */
export class SeekerMerge {
  @IsString()
  @IsNotEmpty()
  mergedId!: string;

  @IsString()
  @IsNotEmpty()
  survivorId!: string;

  @IsISO8601()
  mergedAt!: string;
}

export const SeekerRegistered = defineEvent('SeekerRegistered', Topics.seeker, SealedSeekerSnapshot);
export const SeekerUpdated = defineEvent('SeekerUpdated', Topics.seeker, SealedSeekerSnapshot);
/**
 * A test result, medical check or roster entry ran out (told once per document and date, by the
 * seekers service's daily expiry job): other services may call the person in or take them off a list.
 * Added to seekers.seeker.v2 as a new type (additive: consumers that do not know it skip it).
 */
export const SeekerDocumentExpired = defineEvent('SeekerDocumentExpired', Topics.seeker, SeekerDocumentExpiry);
/** Erasure on request: every service forgets the person's data it holds. */
export const SeekerErased = defineEvent('SeekerErased', Topics.seeker, SeekerErasure);

/** Added to seekers.seeker.v2 as a new type (additive: consumers that do not know it skip it). */
export const SeekersMerged = defineEvent('SeekersMerged', Topics.seeker, SeekerMerge);

/** A seeker's data key, wrapped with the centre's key-encryption key; keyed by seeker id on a compacted topic. */
export const SeekerDataKeyIssued = defineEvent('SeekerDataKeyIssued', Topics.seekerKey, DataKeyIssue);
/** The seeker's key is destroyed (erasure): the seeker's events no longer open anywhere. */
export const SeekerDataKeyShredded = defineEvent('SeekerDataKeyShredded', Topics.seekerKey, DataKeyShredding);
