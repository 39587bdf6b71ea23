import { Consent, LANGUAGE_LEVELS, LanguageTestResult, OverseasStint } from '@jobfair/contracts';
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
