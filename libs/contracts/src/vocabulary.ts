/** The words of DOMAIN.md as closed sets, shared by every service and by libs/matching. */
export const EMPLOYER_KINDS = ['domestic', 'overseas', 'agency'] as const;
export type EmployerKind = (typeof EMPLOYER_KINDS)[number];

export const SCOPES = ['domestic', 'overseas'] as const;
export type Scope = (typeof SCOPES)[number];

export const PROGRAMMES = ['eps', 'seasonal', 'japan-technical-intern', 'japan-specified-skilled', 'taiwan-contract', 'domestic'] as const;
export type Programme = (typeof PROGRAMMES)[number];

export const SECTORS = [
  'agriculture',
  'mechanics',
  'electronics',
  'construction',
  'food-processing',
  'aquaculture',
  'garment',
  'textiles',
  'manufacturing',
  'fishery',
  'services',
  'shipbuilding',
] as const;
export type Sector = (typeof SECTORS)[number];

export const LANGUAGE_TESTS = ['EPS-TOPIK', 'JLPT', 'JFT-Basic', 'TOCFL'] as const;
export type LanguageTest = (typeof LANGUAGE_TESTS)[number];

/** JLPT levels from the lowest to the highest; TOCFL bands likewise. */
export const LANGUAGE_LEVELS: Record<LanguageTest, readonly string[]> = {
  'EPS-TOPIK': [],
  'JFT-Basic': [],
  JLPT: ['N5', 'N4', 'N3', 'N2', 'N1'],
  TOCFL: ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'],
};

/** What a medical check found: fit for the work abroad, or not. */
export const MEDICAL_RESULTS = ['fit', 'unfit'] as const;
export type MedicalResult = (typeof MEDICAL_RESULTS)[number];

/** A seeker's documents that run out (DOMAIN.md, validity clocks): a language test, a medical check, a roster entry. */
export const SEEKER_DOCUMENT_KINDS = ['language-test', 'medical-check', 'roster-entry'] as const;
export type SeekerDocumentKind = (typeof SEEKER_DOCUMENT_KINDS)[number];

export const OPENING_STATUSES = ['open', 'filled', 'closed'] as const;
export type OpeningStatus = (typeof OPENING_STATUSES)[number];

export const QUOTA_CLASSES = ['firstTime', 'returning'] as const;
export type QuotaClass = (typeof QUOTA_CLASSES)[number];

export const HOUSEHOLD_STATUSES = ['none', 'poor', 'near-poor', 'ethnic-minority', 'difficult'] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];

export const GENDERS = ['female', 'male', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

export const CONSENT_PURPOSES = ['matching', 'share-with-employers', 'contact', 'follow-up-abroad'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const FAIR_KINDS = ['fixed', 'mobile'] as const;
export type FairKind = (typeof FAIR_KINDS)[number];

export const FAIR_STATUSES = ['scheduled', 'open', 'closed'] as const;
export type FairStatus = (typeof FAIR_STATUSES)[number];

export const MATCHING_MODES = ['optimal', 'stable'] as const;
export type MatchingMode = (typeof MATCHING_MODES)[number];

export const MATCH_STATUSES = ['proposed', 'approved', 'rejected', 'hired'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

export const PLACEMENT_STATUSES = ['hired', 'departed', 'returned', 'cancelled'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/** Why a placement was cancelled: the worker failed (medical, visa) or withdrew, or another cause (the employer's, say). */
export const CANCEL_REASONS = ['medical', 'visa', 'withdrew', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];
/** A chosen worker who failed: the next alternate on the opening's shortlist moves up. */
export const PROMOTING_CANCEL_REASONS: readonly CancelReason[] = ['medical', 'visa', 'withdrew'];

/** Candidates per seat a run may shortlist (EPS about 3, Taiwan 2 to 3), and lists one seeker may be on. */
export const MAX_SHORTLIST_RATIO = 5;
export const MAX_SHORTLISTS_PER_SEEKER = 5;

export const ROLES = ['admin', 'staff', 'employer'] as const;
export type Role = (typeof ROLES)[number];

/** Country of the centres themselves: a domestic opening is in this country. */
export const HOME_COUNTRY = 'VN';
