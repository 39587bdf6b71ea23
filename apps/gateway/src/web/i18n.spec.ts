import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import {
  CONSENT_PURPOSES,
  EMPLOYER_KINDS,
  FAIR_KINDS,
  FAIR_STATUSES,
  GENDERS,
  HOUSEHOLD_STATUSES,
  LANGUAGE_TESTS,
  MATCHING_MODES,
  MATCHING_RUN_STATUSES,
  MATCH_STATUSES,
  OPENING_STATUSES,
  PLACEMENT_STATUSES,
  CANCEL_REASONS,
  PROGRAMMES,
  QUOTA_CLASSES,
  ROLES,
  SCOPES,
  SECTORS,
  SEEKER_DOCUMENT_KINDS,
} from '@jobfair/contracts';
import { DEFAULT_WEIGHTS, DUPLICATE_REASONS, REASON_CODES } from '@jobfair/matching';

const PUBLIC = join(__dirname, 'public');
const dictionary = (language: string): Record<string, string> => JSON.parse(readFileSync(join(PUBLIC, 'i18n', `${language}.json`), 'utf8'));
const vi = dictionary('vi');
const en = dictionary('en');

/** Every closed set of codes the API answers with, by the kind the UI's dictionaries file them under. */
const CODES: Record<string, readonly string[]> = {
  employerKind: EMPLOYER_KINDS,
  scope: SCOPES,
  programme: PROGRAMMES,
  sector: SECTORS,
  languageTest: LANGUAGE_TESTS,
  openingStatus: OPENING_STATUSES,
  quotaClass: QUOTA_CLASSES,
  householdStatus: HOUSEHOLD_STATUSES,
  gender: GENDERS,
  consentPurpose: CONSENT_PURPOSES,
  fairKind: FAIR_KINDS,
  fairStatus: FAIR_STATUSES,
  matchingMode: MATCHING_MODES,
  matchStatus: MATCH_STATUSES,
  placementStatus: PLACEMENT_STATUSES,
  cancelReason: CANCEL_REASONS,
  role: ROLES,
  runStatus: MATCHING_RUN_STATUSES,
  reason: REASON_CODES,
  documentKind: SEEKER_DOCUMENT_KINDS,
  scorePart: Object.keys(DEFAULT_WEIGHTS),
  duplicateReason: DUPLICATE_REASONS,
};

const codesOf = (words: Record<string, string>, kind: string) =>
  Object.keys(words)
    .filter((key) => key.startsWith(`${kind}.`))
    .map((key) => key.slice(kind.length + 1));

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.js') ? [readFileSync(join(dir, entry.name), 'utf8')] : [],
  );
}

describe("the web UI's dictionaries", () => {
  it('have the same keys in the same order (a form lists codes in that order), each with words', () => {
    expect(Object.keys(en)).toEqual(Object.keys(vi));
    for (const words of [vi, en]) {
      expect(Object.entries(words).filter(([, text]) => !text.trim())).toEqual([]);
    }
  });

  it('fill the same placeholders in both languages', () => {
    const differing = Object.keys(vi).filter((key) => placeholders(vi[key]).join() !== placeholders(en[key]).join());
    expect(differing).toEqual([]);
  });

  it.each(Object.entries(CODES))('have words for exactly the %s codes of the contracts, in both languages', (kind, codes) => {
    // Exactly: a new code without words fails here, and a code the contracts dropped too.
    expect(codesOf(vi, kind)).toEqual([...codes]);
    expect(codesOf(en, kind)).toEqual([...codes]);
  });

  it('have every key the UI asks for by name', () => {
    const code = sources(join(PUBLIC, 'js')).join('\n');
    const asked = [...code.matchAll(/\bt\('([\w.-]+)'/g)].map((m) => m[1]);
    const kinds = [...code.matchAll(/\b(?:term|statusBadge|codesOf)\('(\w+)'/g)].map((m) => m[1]);
    expect(asked.length).toBeGreaterThan(100);
    expect([...new Set(asked.filter((key) => !(key in vi)))]).toEqual([]);
    expect([...new Set(kinds.filter((kind) => !codesOf(vi, kind).length))]).toEqual([]);
  });
});
