/**
 * One person, one record (DOMAIN.md): which two records may be the same person, and how sure
 * that is. Pure code: the seekers service reads the records and stores the staff's decisions.
 */

/** Why two records were put side by side. */
export const DUPLICATE_REASONS = ['same-name-birth', 'same-phone'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/**
 * How much each finding weighs in a pair's score (0-100). The same name in the same order
 * and the same birth date is nearly certain; the same words in another order (given name
 * first, as foreign forms ask) a little less; a shared phone alone is often a family's.
 */
export const DUPLICATE_SCORE = {
  sameNameBirth: 80,
  reorderedNameBirth: 70,
  samePhone: 50,
  /** Added when the phone is shared and the names are alike too. */
  samePhoneAndName: 20,
  max: 100,
} as const;

/**
 * A phone on more records than this is an office's or an agency's, not a person's: it pairs
 * nobody (its records still meet by name and birth date).
 */
export const MAX_RECORDS_PER_PHONE = 5;

/** What a record offers to the comparison. */
export interface PersonRecord {
  id: string;
  fullName: string;
  birthDate: string;
  phone?: string;
}

export interface DuplicatePair {
  /** The two ids, the smaller first: one pair, one key. */
  a: string;
  b: string;
  score: number;
  reasons: DuplicateReason[];
}

/**
 * A name as people type it in a hurry: without case, extra spaces or Vietnamese diacritics
 * ("Nguyễn  Văn An" and "nguyen van an" are the same).
 */
export function normalizedName(fullName: string): string {
  return fullName.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The name in Vietnamese order (family, middle, given) without spacing: "Nguyen Van An" and "NguyenVan An" meet. */
export function compactName(fullName: string): string {
  return normalizedName(fullName).replace(/ /g, '');
}

/** The name's words in any order: "An Nguyen Van" (given name first) meets "Nguyen Van An". */
export function nameWords(fullName: string): string {
  return normalizedName(fullName).split(' ').sort().join(' ');
}

/** A Vietnamese phone number in one form: digits only, the country code +84 written as the leading 0. */
export function normalizedPhone(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  const digits = phone.replace(/\D/g, '');
  const national = digits.startsWith(VIETNAM_CALLING_CODE) ? `0${digits.slice(VIETNAM_CALLING_CODE.length)}` : digits;
  return national || undefined;
}

const VIETNAM_CALLING_CODE = '84';

/** The score of two records, with why; null when nothing ties them. */
export function comparePeople(x: PersonRecord, y: PersonRecord): Omit<DuplicatePair, 'a' | 'b'> | null {
  const sameBirth = x.birthDate.slice(0, 10) === y.birthDate.slice(0, 10);
  const sameName = compactName(x.fullName) === compactName(y.fullName);
  const sameWords = !sameName && nameWords(x.fullName) === nameWords(y.fullName);
  const phone = normalizedPhone(x.phone);
  const samePhone = phone !== undefined && phone === normalizedPhone(y.phone);
  const reasons: DuplicateReason[] = [];
  let score = 0;
  if (sameBirth && (sameName || sameWords)) {
    reasons.push('same-name-birth');
    score += sameName ? DUPLICATE_SCORE.sameNameBirth : DUPLICATE_SCORE.reorderedNameBirth;
  }
  if (samePhone) {
    reasons.push('same-phone');
    score += DUPLICATE_SCORE.samePhone + (sameName || sameWords ? DUPLICATE_SCORE.samePhoneAndName : 0);
  }
  return reasons.length ? { score: Math.min(score, DUPLICATE_SCORE.max), reasons } : null;
}

/** The key of a pair whatever order its ids come in. */
export function pairKey(x: string, y: string): string {
  return x < y ? `${x}|${y}` : `${y}|${x}`;
}

/**
 * Every pair of records that may be one person, the surest first (then by ids, so the order is
 * stable for paging). Records meet in buckets (name words and birth date; phone), so the work
 * grows with the records and the size of the buckets, not with every pair of records.
 */
export function findDuplicatePairs(records: PersonRecord[]): DuplicatePair[] {
  const buckets = new Map<string, PersonRecord[]>();
  const put = (key: string, record: PersonRecord) => {
    const bucket = buckets.get(key);
    if (bucket) bucket.push(record);
    else buckets.set(key, [record]);
  };
  for (const record of records) {
    put(`name:${nameWords(record.fullName).replace(/ /g, '')}|${record.birthDate.slice(0, 10)}`, record);
    // Spacing aside too: "Nguyen Vanan" shares the bucket of "Nguyen Van An" only by its compact form.
    put(`compact:${compactName(record.fullName)}|${record.birthDate.slice(0, 10)}`, record);
    const phone = normalizedPhone(record.phone);
    if (phone) put(`phone:${phone}`, record);
  }
  const pairs = new Map<string, DuplicatePair>();
  for (const [key, bucket] of buckets) {
    if (key.startsWith('phone:') && bucket.length > MAX_RECORDS_PER_PHONE) continue;
    for (let i = 0; i < bucket.length; i++) {
      for (let j = i + 1; j < bucket.length; j++) {
        const key = pairKey(bucket[i].id, bucket[j].id);
        if (pairs.has(key) || bucket[i].id === bucket[j].id) continue;
        const found = comparePeople(bucket[i], bucket[j]);
        if (!found) continue;
        const [a, b] = key.split('|');
        pairs.set(key, { a, b, ...found });
      }
    }
  }
  return [...pairs.values()].sort((p, q) => q.score - p.score || pairKey(p.a, p.b).localeCompare(pairKey(q.a, q.b)));
}
