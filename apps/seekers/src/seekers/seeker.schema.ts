import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes } from 'mongoose';
import {
  Consent,
  ExpiredDocument,
  GENDERS,
  Gender,
  HOUSEHOLD_STATUSES,
  HouseholdStatus,
  LanguageTestResult,
  MedicalCheck,
  OverseasStint,
  Preferences,
  SealedSeekerSnapshot,
  SeekerDocumentExpiry,
  SeekerErasure,
  SeekerMerge,
  RosterEntry,
  SeekerSnapshot,
  SkillExperience,
} from '@jobfair/contracts';
import { AggregateDocument, OwnedDataKeys } from '@jobfair/messaging';

@Schema({ collection: 'seekers', versionKey: false, timestamps: true })
export class Seeker extends AggregateDocument {
  /** One person, one record: the unique index is the guard (409 on a second registration). */
  @Prop({ required: true, unique: true }) nationalId!: string;
  @Prop({ required: true }) fullName!: string;
  /**
   * The name as a search compares it (normalizedName). Kept here, not in events. A search
   * reads it with a regular expression, which no index serves on either database: a scan,
   * acceptable for a search typed by staff, never used on a hot path.
   */
  @Prop() searchName?: string;
  @Prop({ required: true }) birthDate!: string;
  @Prop({ required: true, enum: GENDERS }) gender!: Gender;
  /** Contact data: stays in this service, never in an event. */
  @Prop() phone?: string;
  @Prop({ required: true }) province!: string;
  @Prop() district?: string;
  @Prop() education?: string;
  @Prop({ type: [SchemaTypes.Mixed], default: [] }) skills!: SkillExperience[];
  @Prop({ type: [SchemaTypes.Mixed], default: [] }) languageTests!: LanguageTestResult[];
  @Prop({ type: SchemaTypes.Mixed, required: true }) preferences!: Preferences;
  @Prop({ type: [SchemaTypes.Mixed], default: [] }) overseasHistory!: OverseasStint[];
  @Prop({ required: true, enum: HOUSEHOLD_STATUSES }) householdStatus!: HouseholdStatus;
  @Prop({ type: [SchemaTypes.Mixed], default: [] }) consents!: Consent[];
  /** Health data (sensitive): the latest medical check, its date and result. */
  @Prop({ type: SchemaTypes.Mixed }) medicalCheck?: MedicalCheck;
  @Prop({ type: [SchemaTypes.Mixed], default: undefined }) rosterEntries?: RosterEntry[];
  @Prop({ required: true, default: true }) available!: boolean;
  /** The walk-in request this version answers; cleared by every other change so only the answer carries it. */
  @Prop({ type: String, default: null }) walkInRef?: string | null;
  /** Walk-in requests already answered: a redelivered request is answered once. */
  @Prop({ type: [String], default: [] }) walkInRefs!: string[];
  /** `<placementId>:<status>` of placement events already applied: a redelivered event changes nothing. */
  @Prop({ type: [String], default: [] }) appliedPlacements!: string[];
  /** Placements hired and not yet cancelled or returned: the seeker is available when there is none. */
  @Prop({ type: [String], default: [] }) activePlacements!: string[];
  /** The expiry this version tells (SeekerDocumentExpired); cleared by every other change, as `walkInRef`. */
  @Prop({ type: SchemaTypes.Mixed, default: null }) expiredDocument?: ExpiredDocument | null;
  /** Expiries already told (`documentKey`): each document and date is told once, across restarts and instances. */
  @Prop({ type: [String], default: [] }) expiredDocuments!: string[];
  /** Set on erasure: the document stays as a tombstone that carries the SeekerErased event. */
  @Prop() erasedAt?: string;
  /** Set when staff merged this record into another (the survivor): a tombstone, as after erasure, carrying SeekersMerged. */
  @Prop() mergedInto?: string;
  @Prop() mergedAt?: string;
  /** The duplicates this survivor took in: a repeated merge takes nothing twice. */
  @Prop({ type: [String], default: undefined }) absorbedIds?: string[];
}

export const SeekerSchema = SchemaFactory.createForClass(Seeker);

/** What erasure removes: everything but the tombstone's id, version, erased national ID marker and time. */
export const ERASED_FIELDS = [
  'fullName',
  'searchName',
  'birthDate',
  'gender',
  'phone',
  'province',
  'district',
  'education',
  'skills',
  'languageTests',
  'preferences',
  'overseasHistory',
  'householdStatus',
  'consents',
  'medicalCheck',
  'rosterEntries',
  // Not `expiredDocument`: every change (the erasure too) sets it to null, and one write cannot do both.
  'expiredDocuments',
  'walkInRefs',
  'appliedPlacements',
  'activePlacements',
] as const;

/** The national ID a merged record keeps: unique, and frees the one typed on it. */
export function mergedNationalId(id: string): string {
  return `merged:${id}`;
}

/** The national ID an erased seeker keeps: unique, and frees the real one for a new registration. */
export function erasedNationalId(id: string): string {
  return `erased:${id}`;
}

/**
 * What travels in seeker events: the profile without the phone, sealed under the seeker's data
 * key (only the id and the answered walk-in request in clear); an erasure carries only the id, a
 * merge only the two ids.
 */
export async function seekerEvent(
  s: Seeker,
  keys: OwnedDataKeys,
): Promise<SealedSeekerSnapshot | SeekerDocumentExpiry | SeekerErasure | SeekerMerge> {
  if (s.erasedAt) return { id: s._id, erasedAt: s.erasedAt };
  if (s.mergedInto) return { mergedId: s._id, survivorId: s.mergedInto, mergedAt: s.mergedAt! };
  const { id, walkInRef, ...fields } = seekerSnapshot(s);
  const sealed = { id, walkInRef, personal: await keys.seal(id, fields) };
  return s.expiredDocument ? { ...sealed, expired: s.expiredDocument } : sealed;
}

export function seekerSnapshot(s: Seeker): SeekerSnapshot {
  return {
    id: s._id,
    nationalId: s.nationalId,
    fullName: s.fullName,
    birthDate: s.birthDate,
    gender: s.gender,
    province: s.province,
    district: s.district,
    education: s.education,
    skills: s.skills,
    languageTests: s.languageTests,
    preferences: s.preferences,
    overseasHistory: s.overseasHistory,
    householdStatus: s.householdStatus,
    consents: s.consents,
    ...(s.medicalCheck ? { medicalCheck: s.medicalCheck } : {}),
    ...(s.rosterEntries ? { rosterEntries: s.rosterEntries } : {}),
    available: s.available,
    walkInRef: s.walkInRef ?? undefined,
  };
}

/** A lookup of near-duplicates: `_id` is the name+birth key, so finding them is a read by `_id`. */
@Schema({ collection: 'name_birth_keys', versionKey: false })
export class NameBirthKey {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: [String], default: [] }) seekerIds!: string[];
}

export const NameBirthKeySchema = SchemaFactory.createForClass(NameBirthKey);

/**
 * Which seeker answers a walk-in request (`_id` = its `walkInRef`), recorded before the answer:
 * a request replayed after that person's erasure finds the tombstone here, where a lookup by
 * national ID (replaced on erasure) would register the person again.
 */
@Schema({ collection: 'walk_in_answers', versionKey: false })
export class WalkInAnswer {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) seekerId!: string;
}

export const WalkInAnswerSchema = SchemaFactory.createForClass(WalkInAnswer);

/** Two records staff judged to be two people: left out of the duplicate list. `_id` is the pair's key (libs/matching `pairKey`). */
@Schema({ collection: 'distinct_pairs', versionKey: false })
export class DistinctPair {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) decidedAt!: string;
}

export const DistinctPairSchema = SchemaFactory.createForClass(DistinctPair);
