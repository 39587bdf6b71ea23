import { MatchingInstance, Solution } from './instance';

/**
 * Shortlists at a ratio k (EPS recommends about 3 candidates per vacancy, Taiwan 2 to 3).
 *
 * What "optimal" means with k > 1: the shortlists are k layers, each a matching that keeps
 * every seat, quota and cap on its own (so any one layer could be hired as it stands):
 *   layer 1 is the run's matching, exactly as with k = 1;
 *   layer j is the best matching (by the run's solver: maximum total score in optimal mode)
 *   of what layers 1..j-1 left: pairs not yet on a list, seekers still under their allowance
 *   of shortlists.
 * So the first choices are as good as they can be, then the first alternates given them, and
 * so on: a lexicographic maximum, layer by layer, each layer exact and checked like one run.
 * A seeker is on at most `perSeeker` lists, never twice on one opening's list.
 */
export interface ShortlistSettings {
  /** Layers (candidates per seat): 1 is one-to-one. */
  ratio: number;
  /** Lists one seeker may be on. */
  perSeeker: number;
}

/** The instance restricted to the pairs kept; `pairOf[k]` is the original index of its pair k. */
export function subInstance(inst: MatchingInstance, keep: (pair: number) => boolean): { inst: MatchingInstance; pairOf: Int32Array } {
  const picked: number[] = [];
  for (let k = 0; k < inst.pairCount; k++) if (keep(k)) picked.push(k);
  const pairOf = Int32Array.from(picked);
  return {
    pairOf,
    inst: {
      ...inst,
      pairCount: pairOf.length,
      pairSeeker: pairOf.map((k) => inst.pairSeeker[k]),
      pairOpening: pairOf.map((k) => inst.pairOpening[k]),
      pairScore: pairOf.map((k) => inst.pairScore[k]),
      pairClass: Uint8Array.from(pairOf, (k) => inst.pairClass[k]),
      ...(inst.pairSeekerScore ? { pairSeekerScore: pairOf.map((k) => (inst.pairSeekerScore as Int32Array)[k]) } : {}),
    },
  };
}

/**
 * The alternate layers 2..ratio after the first (`first`, pair indices of `inst`), each solved
 * by `solve` over what the layers before it left. `listsHeld[s]` counts lists the seeker is on
 * already outside `inst` (a designated seat, say). Stops at the first empty layer.
 */
export function alternateLayers(
  inst: MatchingInstance,
  first: ArrayLike<number>,
  settings: ShortlistSettings,
  solve: (inst: MatchingInstance) => Solution,
  listsHeld?: ArrayLike<number>,
): Int32Array[] {
  const onList = new Uint8Array(inst.pairCount);
  const lists = Int32Array.from({ length: inst.seekerCount }, (_, s) => listsHeld?.[s] ?? 0);
  const take = (pairs: ArrayLike<number>): void => {
    for (let i = 0; i < pairs.length; i++) {
      onList[pairs[i]] = 1;
      lists[inst.pairSeeker[pairs[i]]]++;
    }
  };
  take(first);
  const layers: Int32Array[] = [];
  for (let layer = 2; layer <= settings.ratio; layer++) {
    const rest = subInstance(inst, (k) => !onList[k] && lists[inst.pairSeeker[k]] < settings.perSeeker);
    if (rest.inst.pairCount === 0) break;
    const chosen = solve(rest.inst).pairs.map((k) => rest.pairOf[k]);
    if (chosen.length === 0) break;
    take(chosen);
    layers.push(chosen);
  }
  return layers;
}
