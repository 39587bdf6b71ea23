import { makeContext, PreparedOpening, PreparedSeeker, prepareOpening } from './evaluate';
import { MatchingOptions, OpeningProfile } from './types';

/**
 * Openings indexed by what rules out most pairs cheaply: scope and country. A seeker is only
 * evaluated against openings in the scopes and countries they accept (the others fail the
 * preference rule anyway), so work grows with plausible pairs, not seekers x openings.
 */
export interface OpeningIndex {
  /** Sorted by id; positions in this array are the opening indices used everywhere. */
  openings: OpeningProfile[];
  /** Same order as openings, parsed once. */
  prepared: PreparedOpening[];
  domestic: Int32Array;
  overseas: Int32Array;
  byCountry: Map<string, Int32Array>;
  byId: Map<string, number>;
}

export function buildOpeningIndex(openings: readonly OpeningProfile[], options?: MatchingOptions): OpeningIndex {
  const sorted = [...openings].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const dom: number[] = [];
  const ovs: number[] = [];
  const byC = new Map<string, number[]>();
  const byId = new Map<string, number>();
  sorted.forEach((o, i) => {
    byId.set(o.id, i);
    if (o.scope === 'domestic') dom.push(i);
    else {
      ovs.push(i);
      const c = o.country.trim().toLowerCase();
      let l = byC.get(c);
      if (!l) byC.set(c, (l = []));
      l.push(i);
    }
  });
  const byCountry = new Map<string, Int32Array>();
  for (const [c, l] of byC) byCountry.set(c, Int32Array.from(l));
  const ctx = makeContext(undefined, options);
  const prepared = sorted.map((o) => prepareOpening(o, ctx));
  return { openings: sorted, prepared, domestic: Int32Array.from(dom), overseas: Int32Array.from(ovs), byCountry, byId };
}

/** Calls fn for each opening index the seeker could be eligible for, in increasing index order per group. */
export function forEachCandidate(idx: OpeningIndex, p: PreparedSeeker, fn: (o: number) => void): void {
  const anyScope = p.scopes.size === 0;
  if (anyScope || p.scopes.has('domestic')) for (const o of idx.domestic) fn(o);
  if (anyScope || p.scopes.has('overseas')) {
    if (p.countries.length === 0) for (const o of idx.overseas) fn(o);
    else {
      const seen = new Set<string>();
      for (const c of p.countries) {
        if (seen.has(c)) continue;
        seen.add(c);
        const l = idx.byCountry.get(c);
        if (l) for (const o of l) fn(o);
      }
    }
  }
}
