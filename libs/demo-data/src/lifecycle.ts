import type { DemoFair, DemoLifecycle } from './bodies';
import { Random } from './random';

/** What becomes of one proposed match. */
export interface MatchFate {
  /** Rejected with this reason; otherwise approved and hired. */
  rejected?: string;
  /** Hired, then cancelled with this note and reason (before departure): the next alternate moves up. */
  cancelled?: string;
  cancelReason?: 'medical' | 'visa';
  departed?: boolean;
  /** Departed, then came back. */
  returned?: boolean;
}

const REJECT_REASONS = [
  'did not come to the employer’s interview',
  'the employer chose another candidate at the interview',
  'withdrew: took a job closer to home',
];
const CANCEL_REASONS = [
  { note: 'failed the pre-departure medical check', reason: 'medical' },
  { note: 'visa refused by the embassy', reason: 'visa' },
] as const;
/** EPS's shortlist ratio: about 3 candidates per vacancy, so a failed worker's place goes to the next. */
const SHORTLIST_RATIO = 3;
/** Of the hired who are neither cancelled nor the one returned, the share who have left already. */
const DEPARTED_SHARE = 0.6;

/** The fair taken through the lifecycle and its dates: the first held fixed fair, else the held fair with the most check-ins. */
export function chooseLifecycle(fairs: readonly DemoFair[], asOf: string, seed: number): DemoLifecycle {
  const held = fairs.map((fair, index) => ({ fair, index })).filter(({ fair }) => fair.held);
  const fixed = held.find(({ fair }) => fair.body.kind === 'fixed');
  const busiest = [...held].sort((a, b) => b.fair.checkIns.length - a.fair.checkIns.length)[0];
  const chosen = fixed ?? busiest;
  if (!chosen) throw new RangeError(`no fair was held before ${asOf}`);
  // Hires a little after the fair, departures later, a return shortly before the demo's date.
  const from = Date.parse(chosen.fair.body.endsAt);
  const span = Date.parse(`${asOf}T00:00:00+07:00`) - from;
  const at = (share: number) => new Date(from + Math.round(span * share)).toISOString();
  return {
    fair: chosen.index,
    mode: 'optimal',
    shortlistRatio: SHORTLIST_RATIO,
    hiredAt: at(0.1),
    cancelledAt: at(0.2),
    departedAt: at(0.35),
    returnedAt: at(0.9),
    seed,
  };
}

/**
 * The cancel falls on a hire whose opening has alternates on its shortlist, so the failed
 * worker's place goes to the next (swapped with the first such hire that is neither rejected nor
 * the one returned; left as planned when there is none). `openingOf[i]` is the i-th proposal's.
 */
export function cancelWhereAlternatesWait(
  fates: MatchFate[],
  openingOf: readonly string[],
  withAlternates: ReadonlySet<string>,
): MatchFate[] {
  const cancelled = fates.findIndex((fate) => fate.cancelled);
  if (cancelled < 0 || withAlternates.has(openingOf[cancelled])) return fates;
  const other = fates.findIndex((fate, i) => !fate.rejected && !fate.cancelled && !fate.returned && withAlternates.has(openingOf[i]));
  if (other < 0) return fates;
  const swapped = [...fates];
  [swapped[cancelled], swapped[other]] = [fates[other], fates[cancelled]];
  return swapped;
}

/**
 * The fate of each of `count` proposals, in the demo's order of their seekers: the same
 * seed and count always give the same fates. With 2 or more proposals at least one departs
 * and one returns; with 3 or more one is rejected; with 4 or more one hire is cancelled; with
 * 8 or more two are rejected.
 */
export function planLifecycle(lifecycle: DemoLifecycle, count: number): MatchFate[] {
  const random = new Random(lifecycle.seed * 7919 + count);
  const ranks = Array.from({ length: count }, (_, i) => i);
  const fates: MatchFate[] = ranks.map(() => ({}));
  const rejected = random.sample(ranks, count >= 8 ? 2 : count >= 3 ? 1 : 0);
  const reasons = random.sample(REJECT_REASONS, rejected.length);
  rejected.forEach((rank, i) => (fates[rank].rejected = reasons[i]));
  const hired = ranks.filter((rank) => !fates[rank].rejected);
  const [returned, cancelled, ...rest] = random.sample(hired, hired.length);
  if (returned !== undefined && hired.length >= 2) fates[returned] = { departed: true, returned: true };
  if (cancelled !== undefined && hired.length >= 3) {
    const { note, reason } = random.pick(CANCEL_REASONS);
    fates[cancelled] = { cancelled: note, cancelReason: reason };
  } else if (cancelled !== undefined) rest.push(cancelled);
  if (hired.length === 1) fates[hired[0]] = { departed: true };
  const departing = Math.round(rest.length * DEPARTED_SHARE);
  for (const rank of rest.slice(0, departing)) fates[rank] = { departed: true };
  return fates;
}
