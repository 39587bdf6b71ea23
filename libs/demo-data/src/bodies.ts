import type {
  EmployerKind,
  FairKind,
  MatchingMode,
  Programme,
  Quotas,
  Requirements,
  Salary,
  Scope,
  Sector,
  SeekerRegistration,
  WorkerCost,
} from '@jobfair/contracts';

/**
 * The request bodies of API.md's routes as plain objects. References to things that get
 * their ids only when loaded (an employer, an opening, a seeker) are local indices into
 * the demo's own lists; the loader resolves them.
 */

/** `POST /employers` */
export interface EmployerBody {
  name: string;
  kind: EmployerKind;
  licenceNumber?: string;
  country?: string;
  province?: string;
}

/** `POST /openings` without `employerId` (the loader sets it from `employer`). */
export interface OpeningBody {
  title: string;
  sector: Sector;
  scope: Scope;
  country: string;
  province: string;
  district?: string;
  programme: Programme;
  positions: number;
  quotas?: Quotas;
  designatedWorkers?: string[];
  requirements?: Requirements;
  salary?: Salary;
  costs?: WorkerCost[];
  startDate: string;
}

/** `POST /seekers` */
export type SeekerBody = SeekerRegistration;

/** `POST /fairs` */
export interface FairBody {
  name: string;
  kind: FairKind;
  province: string;
  district?: string;
  venue: string;
  startsAt: string;
  endsAt: string;
}

/** An item of `POST /fairs/:id/check-ins/batch` (an offline device scanned the national ID card). */
export interface CheckInItem {
  nationalId: string;
  clientRef: string;
  at: string;
}

export interface DemoOpening {
  /** Index into `employers`. */
  employer: number;
  body: OpeningBody;
}

/** `POST /fairs/:id/booths` once resolved: `{employerId, openingIds}`. */
export interface DemoBooth {
  employer: number;
  /** Indices into `openings`, all of that employer. */
  openings: number[];
}

export interface DemoFair {
  body: FairBody;
  /** Held before the demo's date: opened, checked into and closed. Otherwise still scheduled. */
  held: boolean;
  booths: DemoBooth[];
  /** Indices into `seekers` that signed up before the fair (`POST /fairs/:id/registrations`). */
  registrations: number[];
  /** Offline uploads of the fair's day, in arrival order (empty for a fair not held yet). */
  checkIns: CheckInItem[];
}

/**
 * One held fair of the demo taken through the whole lifecycle after its day: a matching run,
 * the review of its proposals (most approved, one or two rejected with a reason), the hires,
 * departures, one return and one cancellation (medical or visa) whose place goes to the next
 * alternate of the run's shortlist (the run has 3 candidates per seat). The matches are the
 * matcher's to find, so the demo fixes the fair, the dates and the seed of the rule
 * (`planLifecycle`) that turns the n-th proposal, in the seekers' order of the demo, into its fate.
 */
export interface DemoLifecycle {
  /** Index into `fairs`: a held fair (the first fixed one, which has the most time behind it). */
  fair: number;
  mode: MatchingMode;
  /** Candidates per seat of its run: the cancelled worker's place goes to the next alternate. */
  shortlistRatio: number;
  /** When each step happened (ISO instants, in this order, between the fair and the demo's date). */
  hiredAt: string;
  cancelledAt: string;
  departedAt: string;
  returnedAt: string;
  /** Seeds the choice of which proposals are rejected, cancelled, depart and return. */
  seed: number;
}

export interface DemoData {
  seed: number;
  scale: number;
  /** The demo's "today" (YYYY-MM-DD): fairs before it were held, openings start after it. */
  asOf: string;
  /** The day it is loaded (YYYY-MM-DD): the documents due to run out are dated from it. */
  loadedOn: string;
  /** Name of the employer whose existence tells the loader this demo is already loaded. */
  marker: string;
  employers: EmployerBody[];
  openings: DemoOpening[];
  seekers: SeekerBody[];
  fairs: DemoFair[];
  /** Index into `openings` of the Cheorwon seasonal programme's opening. */
  cheorwon: number;
  /** The held fair taken through matching, review, hires, departures, a return and a cancellation. */
  lifecycle: DemoLifecycle;
  /** Who was given which dated document for the validity clocks (national IDs; the bodies hold the documents). */
  documents: DemoDocuments;
  /** People registered twice (one person, one record): for the duplicates' review. */
  secondRecords: SecondRecord[];
}

/** A second record of a person already in the demo: another national ID (an old 9-digit one), the same name and birth date. */
export interface SecondRecord {
  /** The national ID of the second record. */
  nationalId: string;
  /** The national ID of the person's first record. */
  of: string;
  /** Whether the second record gave the first one's phone too. */
  samePhone: boolean;
}

/** A document due to run out, for the expiry list: its last valid day falls within `withinDays` of the loading day. */
export interface ExpiringDocument {
  nationalId: string;
  kind: 'medical-check' | 'roster-entry';
  validUntil: string;
  withinDays: 30 | 60 | 90;
}

export interface DemoDocuments {
  /** Seekers of the lifecycle fair, abroad only, whose medical check ran out before the demo's date: its run says `medical-expired`. */
  medicalExpired: string[];
  /** One medical check and one EPS roster entry per window (30, 60, 90 days), of seekers not at the lifecycle fair. */
  expiring: ExpiringDocument[];
}
