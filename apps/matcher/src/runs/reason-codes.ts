import type { ReasonCode, UnmatchedSeeker } from '@jobfair/matching';

/**
 * A run's summary counts unmatched seekers by the library's reason codes, never by its
 * wording: the codes are stable keys for reports and events, and a reworded or translated
 * text counts the same. The words with figures stay on each listed unmatched seeker.
 * A seeker counts once under each code that held it back.
 */
export function countReasonCodes(unmatched: readonly UnmatchedSeeker[]): Partial<Record<ReasonCode, number>> {
  const counts: Partial<Record<ReasonCode, number>> = {};
  for (const seeker of unmatched) {
    for (const code of new Set(seeker.reasons.map((reason) => reason.code))) counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}
