import { forEachGroupOf, groupCountOf, MatchingInstance, RETURNING, Solution, pairsBySeeker } from './instance';

/** Highest score first, take a pair if the seeker is free and seats, quota and caps allow. Benchmark baseline only: not optimal. */
export function greedyBaseline(inst: MatchingInstance): Solution {
  const NP = inst.pairCount;
  const order = new Int32Array(NP);
  for (let k = 0; k < NP; k++) order[k] = k;
  const sc = inst.pairScore;
  order.sort((a, b) => sc[b] - sc[a] || inst.pairSeeker[a] - inst.pairSeeker[b] || inst.pairOpening[a] - inst.pairOpening[b]);
  const seekerPair = new Int32Array(inst.seekerCount).fill(-1);
  const load = new Int32Array(inst.openingCount);
  const loadC = [new Int32Array(inst.openingCount), new Int32Array(inst.openingCount)];
  const groupLoad = new Int32Array(groupCountOf(inst));
  const groupCap = inst.groupCap ?? new Int32Array(0);
  let total = 0;
  for (let i = 0; i < NP; i++) {
    const k = order[i];
    const s = inst.pairSeeker[k];
    const o = inst.pairOpening[k];
    const c = inst.pairClass[k] === RETURNING ? 1 : 0;
    const capc = c ? inst.returningCap[o] : inst.firstTimeCap[o];
    if (seekerPair[s] >= 0 || load[o] >= inst.positions[o] || loadC[c][o] >= capc) continue;
    let capped = false;
    forEachGroupOf(inst, o, (g) => (capped ||= groupLoad[g] >= groupCap[g]));
    if (capped) continue;
    forEachGroupOf(inst, o, (g) => groupLoad[g]++);
    seekerPair[s] = k;
    load[o]++;
    loadC[c][o]++;
    total += sc[k];
  }
  return { pairs: pairsBySeeker(inst, seekerPair), totalScore: total };
}
