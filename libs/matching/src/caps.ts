import { MatchingOptions, OpeningProfile } from './types';

/**
 * Caps above the openings as nested groups (see MatchingInstance): per employer (data on the
 * employer) > per employer within a programme > per farm household within it. Each level sits
 * inside the one above whenever that exists, so the family is laminar by construction.
 */
export interface CapGroups {
  count: number;
  /** Workers each group may still take: its cap less the seats already filled at its openings. */
  left: Int32Array;
  cap: Int32Array;
  parent: Int32Array;
  /** Per opening of the run (in the run's order): its smallest group, or -1. */
  openingGroup: Int32Array;
  /** Words for the reasons, e.g. "seasonal programme: at most 9 workers per employer (emp-1)". */
  label: string[];
}

const norm = (s: string): string => s.trim().toLowerCase();

/**
 * Groups over every opening given (`all`: seats filled at openings outside the run count too),
 * with each run opening's smallest group. No caps in the options: no groups.
 */
export function buildCapGroups(all: readonly OpeningProfile[], run: readonly OpeningProfile[], options?: MatchingOptions): CapGroups {
  const byKey = new Map<string, number>();
  const cap: number[] = [];
  const used: number[] = [];
  const parent: number[] = [];
  const label: string[] = [];
  const groupOf = (key: string, limit: number, up: number, words: () => string): number => {
    let g = byKey.get(key);
    if (g === undefined) {
      byKey.set(key, (g = cap.length));
      cap.push(limit);
      used.push(0);
      parent.push(up);
      label.push(words());
    }
    return g;
  };
  /** The opening's smallest group, creating the chain above it on first sight; -1 when uncapped. */
  const smallest = (o: OpeningProfile): number => {
    let g = -1;
    const employerCap = options?.employerCaps?.[o.employerId];
    if (employerCap !== undefined)
      g = groupOf(`e\u0000${o.employerId}`, employerCap, g, () => `at most ${employerCap} workers for employer ${o.employerId}`);
    const rule = options?.programmeCaps?.[o.programme];
    const perEmployer = rule?.perEmployer ?? undefined;
    const perHousehold = rule?.perHousehold ?? undefined;
    if (perEmployer !== undefined)
      g = groupOf(
        `p\u0000${o.employerId}\u0000${o.programme}`,
        perEmployer,
        g,
        () => `${o.programme} programme: at most ${perEmployer} workers per employer (${o.employerId})`,
      );
    const household = o.household?.trim();
    if (perHousehold !== undefined && household)
      g = groupOf(
        `h\u0000${o.employerId}\u0000${o.programme}\u0000${norm(household)}`,
        perHousehold,
        g,
        () => `${o.programme} programme: at most ${perHousehold} workers per farm household (${household})`,
      );
    return g;
  };
  const sorted = [...all].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const o of sorted) {
    const filled = Math.max(0, o.filled);
    for (let g = smallest(o); g >= 0; g = parent[g]) used[g] += filled;
  }
  const openingGroup = Int32Array.from(run, (o) => smallest(o));
  return {
    count: cap.length,
    left: Int32Array.from(cap, (c, g) => Math.max(0, c - used[g])),
    cap: Int32Array.from(cap),
    parent: Int32Array.from(parent),
    openingGroup,
    label,
  };
}
