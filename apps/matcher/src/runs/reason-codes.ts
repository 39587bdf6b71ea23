import type { UnmatchedSeeker } from '@jobfair/matching';

/**
 * libs/matching explains each failed rule in words with figures ("EPS-TOPIK 118 below the
 * required 140"); a run's summary counts them by kind, without the figures. Reasons that
 * carry no figures ("missing skill welding", "country JP not in preferences") are their own kind.
 */
const KINDS: [RegExp, string][] = [
  [/^experience .* below the required .*$/, 'experience below the required years'],
  [/^age \d+ below the minimum .*$/, 'age below the minimum'],
  [/^age \d+ above the maximum .*$/, 'age above the maximum'],
  [/^(\S+) [\d.]+ below the required [\d.]+$/, '$1 below the required score'],
  [/^(\S+) \S+ below the required \S+$/, '$1 below the required level'],
  [/^(\S+) result of .* expired .*$/, '$1 result expired'],
  [/^no (\S+) (result|score|level)\b.*$/, 'no $1 $2'],
];

export function reasonKind(reason: string): string {
  for (const [pattern, kind] of KINDS) if (pattern.test(reason)) return reason.replace(pattern, kind);
  return reason;
}

/** Unmatched seekers per kind of reason: a seeker counts once under each kind that held it back. */
export function countReasonKinds(unmatched: readonly UnmatchedSeeker[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const seeker of unmatched) {
    for (const kind of new Set(seeker.reasons.map(reasonKind))) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}
