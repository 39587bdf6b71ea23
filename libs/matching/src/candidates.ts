import { makeContext, medicalFailure, PreparedOpening, PreparedSeeker, prepareOpening, rosterFailure, validOn } from './evaluate';
import { MatchingOptions, OpeningProfile } from './types';

/**
 * What an opening's hard rules ask beyond its figures: tests accepted, skills, experience,
 * age limits on its start day. Openings that ask the same share one screen, so a seeker is
 * checked once per screen, not once per opening.
 */
interface Screen {
  tests: string[];
  skills: string[];
  minExperienceYears?: number;
  minAge?: number;
  maxAge?: number;
  startDay: number;
  startYmd: number;
  /** Work abroad: the medical rule applies. */
  overseas: boolean;
  /** Normalised programme: the roster rule. */
  programme: string;
}

/** Openings of one scope or country, grouped by screen; each group in increasing index order. */
type ScreenedGroups = { screen: number; openings: Int32Array }[];

/**
 * Openings indexed by what rules out most pairs cheaply. By scope and country: a seeker is
 * only evaluated against openings in the scopes and countries they accept (the others fail
 * the preference rule anyway). Within those, by screen, leaving out openings with no seats:
 * the fast path evaluates only openings whose tests, skills and ages the seeker can meet.
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
  screens: Screen[];
  screenedDomestic: ScreenedGroups;
  screenedOverseas: ScreenedGroups;
  screenedByCountry: Map<string, ScreenedGroups>;
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

  const screens: Screen[] = [];
  const screenOf = new Int32Array(sorted.length);
  const screenByKey = new Map<string, number>();
  prepared.forEach((po, i) => {
    const screen: Screen = {
      tests: [...new Set(po.languages.map((l) => l.test))].sort(),
      skills: [...new Set(po.skills.map((k) => k.key))].sort(),
      minExperienceYears: po.minExperienceYears,
      minAge: po.minAge,
      maxAge: po.maxAge,
      startDay: po.startDay,
      startYmd: po.startYmd,
      overseas: po.profile.scope === 'overseas',
      programme: po.programme,
    };
    const key = JSON.stringify([
      screen.tests,
      screen.skills,
      screen.minExperienceYears,
      screen.minAge,
      screen.maxAge,
      screen.startDay,
      screen.overseas,
      screen.programme,
    ]);
    let k = screenByKey.get(key);
    if (k === undefined) screenByKey.set(key, (k = screens.push(screen) - 1));
    screenOf[i] = k;
  });
  const screened = (list: Int32Array): ScreenedGroups => {
    const groups = new Map<number, number[]>();
    for (const o of list) {
      if (sorted[o].positions - sorted[o].filled <= 0) continue;
      let g = groups.get(screenOf[o]);
      if (!g) groups.set(screenOf[o], (g = []));
      g.push(o);
    }
    return [...groups].map(([screen, l]) => ({ screen, openings: Int32Array.from(l) }));
  };
  const domestic = Int32Array.from(dom);
  const overseas = Int32Array.from(ovs);
  return {
    openings: sorted,
    prepared,
    domestic,
    overseas,
    byCountry,
    byId,
    screens,
    screenedDomestic: screened(domestic),
    screenedOverseas: screened(overseas),
    screenedByCountry: new Map([...byCountry].map(([c, l]) => [c, screened(l)])),
  };
}

/** Visits the seeker's wanted parts in preference order: domestic, then each wanted country (or every country). */
function forEachWanted<T>(p: PreparedSeeker, domestic: T, overseas: T, byCountry: Map<string, T>, visit: (part: T) => void): void {
  const anyScope = p.scopes.size === 0;
  if (anyScope || p.scopes.has('domestic')) visit(domestic);
  if (anyScope || p.scopes.has('overseas')) {
    if (p.countries.length === 0) visit(overseas);
    else {
      for (const c of new Set(p.countries)) {
        const part = byCountry.get(c);
        if (part) visit(part);
      }
    }
  }
}

/**
 * Calls fn for each opening in the seeker's scopes and countries, in increasing index order per
 * part: every opening whose failures explain an unmatched seeker.
 */
export function forEachCandidate(idx: OpeningIndex, p: PreparedSeeker, fn: (o: number) => void): void {
  forEachWanted(p, idx.domestic, idx.overseas, idx.byCountry, (l) => {
    for (const o of l) fn(o);
  });
}

/**
 * The same walk narrowed to openings with seats whose screen the seeker passes: every eligible
 * opening is among them, in the same order as forEachCandidate, so pairs and ties come out as a
 * full walk would give them. None for a placed seeker.
 */
export function forEachScreenedCandidate(idx: OpeningIndex, p: PreparedSeeker, fn: (o: number) => void): void {
  if (p.profile.placed) return;
  const verdict = new Int8Array(idx.screens.length); // 0: not checked yet, 1: passes, -1: fails
  const passes = (k: number): boolean => (verdict[k] || (verdict[k] = passesScreen(p, idx.screens[k]) ? 1 : -1)) > 0;
  const found: number[] = [];
  forEachWanted(p, idx.screenedDomestic, idx.screenedOverseas, idx.screenedByCountry, (groups) => {
    found.length = 0;
    let parts = 0;
    for (const g of groups) {
      if (!passes(g.screen)) continue;
      for (const o of g.openings) found.push(o);
      parts++;
    }
    if (parts > 1) found.sort((a, b) => a - b);
    for (const o of found) fn(o);
  });
}

/** The screen's rules exactly as evaluatePrepared applies them (the index test compares both). */
function passesScreen(p: PreparedSeeker, sc: Screen): boolean {
  if (sc.minAge !== undefined || sc.maxAge !== undefined) {
    if (Number.isNaN(p.birthYmd)) return false;
    const age = Math.floor((sc.startYmd - p.birthYmd) / 10000);
    if ((sc.minAge !== undefined && age < sc.minAge) || (sc.maxAge !== undefined && age > sc.maxAge)) return false;
  }
  if (medicalFailure(p, sc.overseas, sc.startDay) !== undefined || rosterFailure(p, sc.programme, sc.startDay)) return false;
  // A possible faithful worker may need no test for one employer: evaluatePrepared decides.
  if (sc.tests.length > 0 && p.reentries.length === 0 && !p.tests.some((t) => sc.tests.includes(t.test) && validOn(t, sc.startDay)))
    return false;
  let experience = sc.skills.length > 0 ? 0 : p.maxSkillYears;
  for (const k of sc.skills) {
    const years = p.skillYears.get(k);
    if (years === undefined) return false;
    if (years > experience) experience = years;
  }
  return sc.minExperienceYears === undefined || experience >= sc.minExperienceYears;
}
