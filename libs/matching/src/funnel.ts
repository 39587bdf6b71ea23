/**
 * A fair's funnel: how far each person came, from sign-up to coming back, and why the
 * others stopped where they did. Pure counting over what one seeker did at one fair; the
 * matcher gathers the facts, this says what they add up to.
 *
 * Every person is counted once, at every step from the first one they reached (`joined`:
 * a walk-in joins at the check-in) to the last one (`dropped` there, unless it is the end).
 * So each step's `reached` is the one before's, less its `dropped`, plus its own `joined`.
 */
export const FUNNEL_STEPS = ['registered', 'checkedIn', 'matched', 'approved', 'hired', 'departed', 'returned'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/**
 * Why people stopped at a step: `absent` (registered, never checked in), `ineligible` (by the
 * reason codes of the fair's latest run), `rejected` (by the reviewer's reason), `cancelled`
 * (the placement's, by its note), `pending` (not yet: still awaiting the next step).
 */
export const DROP_KINDS = ['absent', 'ineligible', 'rejected', 'cancelled', 'pending'] as const;
export type DropKind = (typeof DROP_KINDS)[number];

/** Reasons that are not a code or a person's words: what is awaited, or nothing recorded. */
export const DROP_REASONS = {
  noShow: 'no-show',
  /** Checked in, not matched, and the fair's latest run did not list the person (none yet, or past its list). */
  unlisted: 'unlisted',
  /** Rejected or cancelled without a reason given. */
  unstated: 'unstated',
  awaitingReview: 'awaiting-review',
  awaitingHire: 'awaiting-hire',
  awaitingDeparture: 'awaiting-departure',
  abroad: 'abroad',
} as const;

/** The most a reviewer's or recorder's words are kept as a reason (longer ones are cut). */
export const MAX_REASON_LENGTH = 100;

export interface FunnelPlacement {
  status: 'hired' | 'departed' | 'returned' | 'cancelled';
  /** Whether the worker had left before this status (a cancellation abroad). */
  departed: boolean;
  /** The note of the cancellation, when it was one. */
  note?: string;
}

export interface FunnelMatch {
  status: 'proposed' | 'approved' | 'rejected' | 'hired';
  /** The reviewer's reason, when rejected. */
  reason?: string;
  /** What became of it once hired (the placement of this match). */
  placement?: FunnelPlacement;
}

/** One seeker at one fair. */
export interface FunnelPath<M extends FunnelMatch = FunnelMatch> {
  registered: boolean;
  checkedIn: boolean;
  /** The reason codes that left the seeker unmatched in the fair's latest completed run. */
  ineligible: readonly string[];
  matches: readonly M[];
}

export interface DropReason {
  kind: DropKind;
  /** A reason code, the reviewer's or recorder's words, or one of DROP_REASONS. */
  reason: string;
  count: number;
}

export interface FunnelStepCount {
  step: FunnelStep;
  reached: number;
  joined: number;
  dropped: number;
  /** Each person dropped here once, except `ineligible`: once under each code that held them back. */
  reasons: DropReason[];
}

const step = (name: FunnelStep) => FUNNEL_STEPS.indexOf(name);

/** How far one match went. */
function matchStep(match: FunnelMatch): number {
  const placement = match.placement;
  if (placement) {
    if (placement.status === 'returned') return step('returned');
    return step(placement.status === 'departed' || placement.departed ? 'departed' : 'hired');
  }
  if (match.status === 'hired') return step('hired');
  return step(match.status === 'approved' ? 'approved' : 'matched');
}

/** Still in play: neither rejected nor cancelled. */
function alive(match: FunnelMatch): boolean {
  return match.status !== 'rejected' && match.placement?.status !== 'cancelled';
}

/**
 * The match that tells how far the person came: the furthest, one still in play before
 * one that ended at the same step, the first of equals (callers give them in a fixed order).
 */
export function leadingMatch<M extends FunnelMatch>(path: FunnelPath<M>): M | undefined {
  let best: M | undefined;
  let bestRank = -1;
  for (const match of path.matches) {
    const rank = matchStep(match) * 2 + (alive(match) ? 1 : 0);
    if (rank > bestRank) [best, bestRank] = [match, rank];
  }
  return best;
}

/** The first and the last step the person reached (undefined for a path that reached none). */
function span(path: FunnelPath, lead: FunnelMatch | undefined): [number, number] | undefined {
  const reached = [
    ...(path.registered ? [step('registered')] : []),
    ...(path.checkedIn ? [step('checkedIn')] : []),
    ...(lead ? [matchStep(lead)] : []),
  ];
  return reached.length ? [Math.min(...reached), Math.max(...reached)] : undefined;
}

function words(text: string | undefined): string {
  const trimmed = text?.trim().slice(0, MAX_REASON_LENGTH);
  return trimmed || DROP_REASONS.unstated;
}

/** Why a person whose last step is `last` went no further (nothing for the end). */
function dropReasons(path: FunnelPath, last: FunnelStep, lead: FunnelMatch | undefined): Omit<DropReason, 'count'>[] {
  switch (last) {
    case 'registered':
      return [{ kind: 'absent', reason: DROP_REASONS.noShow }];
    case 'checkedIn':
      return path.ineligible.length
        ? [...new Set(path.ineligible)].map((reason) => ({ kind: 'ineligible', reason }))
        : [{ kind: 'pending', reason: DROP_REASONS.unlisted }];
    case 'matched':
      return lead && !alive(lead)
        ? [{ kind: 'rejected', reason: words(lead.reason) }]
        : [{ kind: 'pending', reason: DROP_REASONS.awaitingReview }];
    case 'approved':
      return [{ kind: 'pending', reason: DROP_REASONS.awaitingHire }];
    case 'hired':
    case 'departed':
      if (lead?.placement?.status === 'cancelled') return [{ kind: 'cancelled', reason: words(lead.placement.note) }];
      return [{ kind: 'pending', reason: last === 'hired' ? DROP_REASONS.awaitingDeparture : DROP_REASONS.abroad }];
    case 'returned':
      return [];
  }
}

/** An empty funnel: every step at zero. */
export function emptyFunnel(): FunnelStepCount[] {
  return FUNNEL_STEPS.map((name) => ({ step: name, reached: 0, joined: 0, dropped: 0, reasons: [] }));
}

function addReason(reasons: DropReason[], { kind, reason }: Omit<DropReason, 'count'>): void {
  const found = reasons.find((r) => r.kind === kind && r.reason === reason);
  if (found) found.count++;
  else reasons.push({ kind, reason, count: 1 });
}

/** Adds one person to a funnel. */
function addPath(funnel: FunnelStepCount[], path: FunnelPath): void {
  const lead = leadingMatch(path);
  const reached = span(path, lead);
  if (!reached) return;
  const [first, last] = reached;
  for (let i = first; i <= last; i++) funnel[i].reached++;
  funnel[first].joined++;
  if (last === FUNNEL_STEPS.length - 1) return;
  funnel[last].dropped++;
  for (const reason of dropReasons(path, FUNNEL_STEPS[last], lead)) addReason(funnel[last].reasons, reason);
}

/** Reasons by count, the most first, then by kind and reason (the same input gives the same order). */
function sortReasons(funnel: FunnelStepCount[]): FunnelStepCount[] {
  for (const s of funnel) {
    s.reasons.sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind) || a.reason.localeCompare(b.reason));
  }
  return funnel;
}

/** A funnel of all and, given `groupOf`, one per group (sorted by key) of the people it puts there. */
export interface FunnelCounts {
  total: FunnelStepCount[];
  groups: { key: string; steps: FunnelStepCount[] }[];
}

/** The funnel of these people, and by group when `groupOf` names each one's (given how far they came, by which match). */
export function countFunnel<P extends FunnelPath>(
  paths: Iterable<P>,
  groupOf?: (path: P, lead: P['matches'][number] | undefined) => string,
): FunnelCounts {
  const total = emptyFunnel();
  const groups = new Map<string, FunnelStepCount[]>();
  for (const path of paths) {
    addPath(total, path);
    if (!groupOf) continue;
    const key = groupOf(path, leadingMatch(path));
    const group = groups.get(key) ?? emptyFunnel();
    groups.set(key, group);
    addPath(group, path);
  }
  return {
    total: sortReasons(total),
    groups: [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, steps]) => ({ key, steps: sortReasons(steps) })),
  };
}
