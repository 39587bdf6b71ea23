import { isPriorityHousehold, makeContext } from './evaluate';
import { Match, MatchingMode, MatchingRunResult, OpeningFill } from './run';
import { MatchingOptions, OpeningProfile, OpeningQuotas, ScoreWeights, SeekerProfile } from './types';

/**
 * What a run was computed from, complete: recomputing it with runMatching gives the same
 * matches. The weights are resolved (defaults filled in), so a later change of the library's
 * defaults does not change what an old run is recomputed with.
 */
export interface RecordedRun {
  seekers: readonly SeekerProfile[];
  openings: readonly OpeningProfile[];
  mode: MatchingMode;
  weights: ScoreWeights;
  /** What else the run was computed with (the programmes' caps). */
  options?: MatchingOptions;
}

/** The weights a run is computed with: those given, the library's defaults for the rest. */
export function resolvedWeights(weights?: Partial<ScoreWeights>): ScoreWeights {
  return makeContext(weights).weights;
}

/** One opening's settings changed for a what-if: its positions, its first-time / returning quotas (upper limits). */
export interface OpeningChange {
  openingId: string;
  positions?: number;
  quotas?: OpeningQuotas;
}

/** The settings a what-if changes; the rest stay the run's. */
export interface WhatIfChanges {
  mode?: MatchingMode;
  weights?: Partial<ScoreWeights>;
  openings?: readonly OpeningChange[];
  /** Candidates per seat (shortlist layers); 1 is one-to-one. */
  shortlistRatio?: number;
}

/** Seekers listed by name in a comparison (`changed` counts them all): a page a person reads, not a dump. */
export const MAX_LISTED_CHANGES = 1000;

/** A what-if names an opening the run did not have. */
export class UnknownOpeningError extends Error {}

/** The same inputs with the changed settings (the run itself is not touched). */
export function withChanges(run: RecordedRun, changes: WhatIfChanges): RecordedRun {
  const changed = new Map((changes.openings ?? []).map((change) => [change.openingId, change]));
  const known = new Set(run.openings.map((opening) => opening.id));
  const unknown = [...changed.keys()].filter((id) => !known.has(id));
  if (unknown.length) throw new UnknownOpeningError(`openings not in this run: ${unknown.join(', ')}`);
  return {
    seekers: run.seekers,
    openings: run.openings.map((opening) => {
      const change = changed.get(opening.id);
      if (!change) return opening;
      return {
        ...opening,
        ...(change.positions !== undefined ? { positions: change.positions } : {}),
        ...(change.quotas !== undefined ? { quotas: { ...change.quotas } } : {}),
      };
    }),
    mode: changes.mode ?? run.mode,
    weights: resolvedWeights({ ...run.weights, ...(changes.weights ?? {}) }),
    options: changes.shortlistRatio === undefined ? run.options : { ...run.options, shortlistRatio: changes.shortlistRatio },
  };
}

/** Seats and matches of one market (the openings' country). */
export interface MarketFill {
  market: string;
  seats: number;
  matched: number;
}

/** One side of a comparison: what a run's settings give. */
export interface OutcomeSummary {
  mode: MatchingMode;
  weights: ScoreWeights;
  matched: number;
  unmatched: number;
  totalScore: number;
  byQuotaClass: { firstTime: number; returning: number };
  designated: number;
  /** Candidates per seat, and the entries on the alternates' layers (0 for one-to-one). */
  shortlistRatio: number;
  alternates: number;
  /** Seekers of poor, near-poor, ethnic-minority and difficult households: how many took part, how many were matched. */
  priorityHouseholds: { seekers: number; matched: number };
  /** By market, in name order. */
  markets: MarketFill[];
  /** Per opening: its seats and matches per quota class. */
  openingFill: OpeningFill[];
}

function priorityHouseholdIds(seekers: readonly SeekerProfile[]): Set<string> {
  return new Set(seekers.filter((seeker) => isPriorityHousehold(seeker.householdStatus)).map((seeker) => seeker.id));
}

export function outcomeSummary(run: RecordedRun, result: MatchingRunResult): OutcomeSummary {
  const priority = priorityHouseholdIds(run.seekers);
  const marketOf = new Map(run.openings.map((opening) => [opening.id, opening.country]));
  const markets = new Map<string, MarketFill>();
  for (const fill of result.summary.openingFill) {
    const market = marketOf.get(fill.openingId)!;
    const entry = markets.get(market) ?? { market, seats: 0, matched: 0 };
    entry.seats += fill.seats;
    entry.matched += fill.matched;
    markets.set(market, entry);
  }
  const s = result.summary;
  return {
    mode: run.mode,
    weights: run.weights,
    matched: s.matched,
    unmatched: s.unmatched,
    totalScore: s.totalScore,
    byQuotaClass: s.byQuotaClass,
    designated: s.designated,
    shortlistRatio: run.options?.shortlistRatio ?? 1,
    alternates: result.alternates.length,
    priorityHouseholds: { seekers: priority.size, matched: result.matches.filter((match) => priority.has(match.seekerId)).length },
    markets: [...markets.values()].sort((a, b) => (a.market < b.market ? -1 : a.market > b.market ? 1 : 0)),
    openingFill: s.openingFill,
  };
}

/** A seeker's outcome on one side: the opening and score, or null when unmatched. */
export type SeekerOutcome = { openingId: string; score: number } | null;

export interface OutcomeChange {
  seekerId: string;
  before: SeekerOutcome;
  after: SeekerOutcome;
}

type Outcome = Pick<Match, 'seekerId' | 'openingId' | 'score'>;

/**
 * The seekers whose outcome differs between two sets of matches, in seeker id order: another
 * opening, matched on one side only, and with `scores`, the same opening at another score.
 */
export function outcomeChanges(before: readonly Outcome[], after: readonly Outcome[], { scores = false } = {}): OutcomeChange[] {
  const outcomes = (matches: readonly Outcome[]) =>
    new Map(matches.map((m): [string, SeekerOutcome] => [m.seekerId, { openingId: m.openingId, score: m.score }]));
  const was = outcomes(before);
  const is = outcomes(after);
  const changes: OutcomeChange[] = [];
  for (const seekerId of [...new Set([...was.keys(), ...is.keys()])].sort()) {
    const a = was.get(seekerId) ?? null;
    const b = is.get(seekerId) ?? null;
    if (a?.openingId === b?.openingId && (!scores || a?.score === b?.score)) continue;
    changes.push({ seekerId, before: a, after: b });
  }
  return changes;
}

/**
 * Alternates (layers 2..) on one side and not on the other, as seeker, opening, layer and
 * score: a seeker may be on several lists, so they are compared as a set, not per seeker.
 */
export function alternateDifferences(
  before: readonly (Outcome & { layer?: number })[],
  after: readonly (Outcome & { layer?: number })[],
): number {
  const key = (m: Outcome & { layer?: number }) => `${m.seekerId}|${m.openingId}|${m.layer ?? 1}|${m.score}`;
  const was = new Set(before.map(key));
  const is = new Set(after.map(key));
  let differ = 0;
  for (const k of was) if (!is.has(k)) differ++;
  for (const k of is) if (!was.has(k)) differ++;
  return differ;
}

/** A seeker who changes outcome in a what-if, with whether the seeker is of a priority household. */
export interface WhatIfChange {
  seekerId: string;
  priorityHousehold: boolean;
  current: SeekerOutcome;
  whatIf: SeekerOutcome;
}

export interface WhatIfComparison {
  current: OutcomeSummary;
  whatIf: OutcomeSummary;
  /** How many seekers change outcome; `changes` lists the first `limit` of them. */
  changed: number;
  changes: WhatIfChange[];
}

/** The run's settings and the changed ones side by side, over the same inputs. */
export function compareWhatIf(
  current: { run: RecordedRun; result: MatchingRunResult },
  whatIf: { run: RecordedRun; result: MatchingRunResult },
  limit: number,
): WhatIfComparison {
  const priority = priorityHouseholdIds(current.run.seekers);
  const changes = outcomeChanges(current.result.matches, whatIf.result.matches);
  return {
    current: outcomeSummary(current.run, current.result),
    whatIf: outcomeSummary(whatIf.run, whatIf.result),
    changed: changes.length,
    changes: changes.slice(0, limit).map((change) => ({
      seekerId: change.seekerId,
      priorityHousehold: priority.has(change.seekerId),
      current: change.before,
      whatIf: change.after,
    })),
  };
}

/** One seeker's outcome in a result: the match, or why not; `inInput` false for a seeker the run did not have. */
export function seekerOutcome(result: MatchingRunResult, seekerId: string) {
  const match = result.matches.find((m) => m.seekerId === seekerId) ?? null;
  const unmatched = match ? undefined : result.unmatched.find((u) => u.seekerId === seekerId);
  return { seekerId, inInput: !!match || !!unmatched, match, reasons: unmatched?.reasons ?? [] };
}
