import {
  Consent,
  LANGUAGE_LEVELS,
  LanguageTestResult,
  MedicalCheck,
  OverseasStint,
  RosterEntry,
  SkillExperience,
} from '@jobfair/contracts';
import { normalizedName } from '@jobfair/matching';

/** The name normalisation is the duplicate finder's (libs/matching), so search and duplicates agree. */
export { normalizedName };

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ProfileFacts {
  birthDate: string;
  languageTests: LanguageTestResult[];
  overseasHistory: OverseasStint[];
  consents: Consent[];
}

/** Rules across fields that a single field's validator cannot see; each problem names its field. */
export function profileProblems(profile: ProfileFacts, today = new Date().toISOString().slice(0, 10)): string[] {
  const problems: string[] = [];
  if (!CALENDAR_DATE.test(profile.birthDate)) problems.push('birthDate: must be a calendar date (YYYY-MM-DD)');
  else if (profile.birthDate > today) problems.push('birthDate: must not be in the future');

  profile.languageTests.forEach((result, i) => {
    const field = `languageTests.${i}`;
    if (result.score === undefined && result.level === undefined) problems.push(`${field}: a score or a level is required`);
    const levels = LANGUAGE_LEVELS[result.test];
    if (result.level !== undefined && levels.length && !levels.includes(result.level)) {
      problems.push(`${field}.level: ${result.test} levels are ${levels.join(', ')}`);
    }
  });

  profile.overseasHistory.forEach((stint, i) => {
    if (stint.to !== undefined && stint.to < stint.from) problems.push(`overseasHistory.${i}.to: must not be before from`);
  });

  // One answer per purpose: two answers for the same purpose would leave consent ambiguous.
  const purposes = profile.consents.map((consent) => consent.purpose);
  for (const purpose of new Set(purposes.filter((p, i) => purposes.indexOf(p) !== i))) {
    problems.push(`consents: purpose ${purpose} appears more than once`);
  }
  return problems;
}

/** The key under which near-duplicates meet: the same person typed twice (a walk-in form, an agency roster). */
export function nameBirthKey(fullName: string, birthDate: string): string {
  return `${normalizedName(fullName)}|${birthDate.slice(0, 10)}`;
}

/**
 * The filter of a name search: every word of the query starts a word of the normalised
 * name, in order ("van an" finds "Nguyễn Văn An", "an" does not find "Xuân").
 */
export function nameSearchPattern(query: string): string {
  const words = normalizedName(query)
    .split(' ')
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `(^| )${words.join('.* ')}`;
}

/** What a merge moves from the duplicate to the survivor: the person's history, consents and the facts other services told. */
export interface AbsorbedFacts {
  phone?: string;
  district?: string;
  education?: string;
  skills: SkillExperience[];
  languageTests: LanguageTestResult[];
  overseasHistory: OverseasStint[];
  consents: Consent[];
  medicalCheck?: MedicalCheck;
  rosterEntries?: RosterEntry[];
  walkInRefs: string[];
  appliedPlacements: string[];
  activePlacements: string[];
  expiredDocuments: string[];
}

/** One of each, by `key`; when two share a key the one `better` prefers stays (the survivor's on a tie). */
function unionBy<T>(mine: T[] | undefined, theirs: T[] | undefined, key: (item: T) => string, better = (_a: T, _b: T) => false): T[] {
  const kept = new Map<string, T>();
  for (const item of [...(mine ?? []), ...(theirs ?? [])]) {
    const held = kept.get(key(item));
    if (!held || better(item, held)) kept.set(key(item), item);
  }
  return [...kept.values()];
}

const union = (mine: string[] | undefined, theirs: string[] | undefined) => [...new Set([...(mine ?? []), ...(theirs ?? [])])];

/**
 * The survivor of a merge with the duplicate's facts taken in. The survivor's identity (national
 * ID, name, birth date, gender, province, preferences, household) stays; its empty contact
 * fields are filled; lists are joined (one skill per name with the most years, one test result
 * per test and date, one stint per country and start); per consent purpose the latest answer
 * counts, whichever record has it (the person's last word); the later medical check and roster
 * entry stay. Placements that hold either record hold the survivor.
 */
export function absorbRecord(survivor: AbsorbedFacts, duplicate: AbsorbedFacts): AbsorbedFacts & { available: boolean } {
  const later =
    <T>(field: keyof T) =>
    (a: T, b: T) =>
      String(a[field]) > String(b[field]);
  const medical = [survivor.medicalCheck, duplicate.medicalCheck].filter((m): m is MedicalCheck => m !== undefined);
  const activePlacements = union(survivor.activePlacements, duplicate.activePlacements);
  const roster = unionBy(survivor.rosterEntries, duplicate.rosterEntries, (r) => r.programme, later<RosterEntry>('enteredAt'));
  return {
    phone: survivor.phone ?? duplicate.phone,
    district: survivor.district ?? duplicate.district,
    education: survivor.education ?? duplicate.education,
    skills: unionBy(
      survivor.skills,
      duplicate.skills,
      (skill) => skill.name.toLowerCase(),
      (a, b) => a.years > b.years,
    ),
    languageTests: unionBy(survivor.languageTests, duplicate.languageTests, (t) => `${t.test}|${t.takenAt}`),
    overseasHistory: unionBy(survivor.overseasHistory, duplicate.overseasHistory, (stint) => `${stint.country}|${stint.from}`),
    consents: unionBy(survivor.consents, duplicate.consents, (consent) => consent.purpose, later<Consent>('at')),
    ...(medical.length ? { medicalCheck: medical.reduce((a, b) => (b.checkedAt > a.checkedAt ? b : a)) } : {}),
    ...(roster.length ? { rosterEntries: roster } : {}),
    walkInRefs: union(survivor.walkInRefs, duplicate.walkInRefs),
    appliedPlacements: union(survivor.appliedPlacements, duplicate.appliedPlacements),
    activePlacements,
    expiredDocuments: union(survivor.expiredDocuments, duplicate.expiredDocuments),
    available: activePlacements.length === 0,
  };
}
