import type {
  Consent,
  Gender,
  HouseholdStatus,
  LanguageTestResult,
  OverseasStint,
  Programme,
  Requirements,
  Sector,
  WorkerCost,
} from '@jobfair/contracts';
import type {
  CheckInItem,
  DemoBooth,
  DemoData,
  DemoDocuments,
  DemoFair,
  DemoOpening,
  EmployerBody,
  OpeningBody,
  SecondRecord,
  SeekerBody,
} from './bodies';
import { chooseLifecycle } from './lifecycle';
import { Random } from './random';
import {
  AGENCY_SUFFIX,
  COMPANY_SUFFIX,
  COMPANY_WORDS,
  DISTRICTS,
  DOMESTIC_SECTORS,
  EDUCATION,
  FAMILY_NAMES,
  GIVEN_NAMES,
  HIGHLAND_FAMILY_NAMES,
  MARKETS,
  MIDDLE_NAMES,
  OTHER_PROVINCES,
  PROVINCE,
  SKILLS,
} from './reference';

/** DOMAIN.md's figures for Thanh Hoa, at scale 1. */
export const FULL_SCALE = {
  fairs: 22,
  fixedFairs: 8,
  /** 22 fairs in 18 months. */
  months: 18,
  employers: { domestic: 140, TW: 45, JP: 45, KR: 19, agency: 50 },
  seekers: 10500,
  /** Overseas workers by market (first half of 2025) as positions; domestic positions alongside. */
  positions: { TW: 2150, JP: 1913, KR: 635, VN: 3600 },
  /** Korea's seasonal programme with Cheorwon county, 2026: 354 = 132 first-time + 222 returning, named. */
  cheorwon: { firstTime: 132, returning: 222 },
} as const;

export interface DemoOptions {
  seed?: number;
  /** 1 = the whole province; 0.02 = a small slice that keeps every kind of thing. */
  scale?: number;
  /** The demo's "today" (YYYY-MM-DD). */
  asOf?: string;
  /**
   * The day the demo is loaded (YYYY-MM-DD; default `asOf`). The expiry list counts from the real
   * day, so the documents due to run out within 30, 60 and 90 days are dated from this one.
   */
  loadedOn?: string;
}

export const DEFAULT_AS_OF = '2026-01-20';

type Market = 'TW' | 'JP' | 'KR' | 'VN';
const OVERSEAS_SHARES = (['TW', 'JP', 'KR'] as const).map((m) => [m, FULL_SCALE.positions[m]] as const);
/** What Cheorwon's seasonal farm work asks of a worker. */
const CHEORWON_REQUIREMENTS: { minAge: number; maxAge: number; skills: readonly string[] } = {
  minAge: 25,
  maxAge: 55,
  skills: ['vegetable growing'],
};

/** Of the designated returning workers, the share the centre already has on its roster. */
const DESIGNATED_KNOWN = 0.6;
/** Of the seekers at a fair, the share that signed up before it. */
const PRE_REGISTERED = 0.3;
/** Of all seekers, the share signed up for each fair not held yet. */
const UPCOMING_SIGN_UPS = 0.03;

/** Where the centre holds its fixed fairs. */
const CENTRE_DISTRICT = 'Thanh Hóa';

const PROVINCE_CODES: Record<string, string> = {
  'Thanh Hoa': '038',
  'Nghe An': '040',
  'Ninh Binh': '037',
  'Hoa Binh': '017',
  'Son La': '014',
};

/** A deterministic demo of one province's fairs: the same options always give the same data. */
export function generateDemo(options: DemoOptions = {}): DemoData {
  const seed = options.seed ?? 1;
  const scale = options.scale ?? 1;
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const loadedOn = options.loadedOn ?? asOf;
  if (!(scale > 0 && scale <= 1)) throw new RangeError(`scale must be in (0, 1], got ${scale}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new RangeError(`asOf must be YYYY-MM-DD, got ${asOf}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(loadedOn)) throw new RangeError(`loadedOn must be YYYY-MM-DD, got ${loadedOn}`);
  const generator = new Generator(new Random(seed), scale, asOf, loadedOn);
  return generator.run(seed);
}

interface EmployerFacts {
  market: Market | 'agency';
  district?: string;
}

class Generator {
  private readonly employers: EmployerBody[] = [];
  private readonly facts: EmployerFacts[] = [];
  private readonly openings: DemoOpening[] = [];
  private readonly seekers: SeekerBody[] = [];
  private readonly nationalIds = new Set<string>();
  /** The held fair each seeker checked in at (index into the fairs). */
  private readonly seekerFairs: number[] = [];

  constructor(
    private readonly random: Random,
    private readonly scale: number,
    private readonly asOf: string,
    private readonly loadedOn: string,
  ) {}

  private count(full: number, min: number): number {
    return Math.max(min, Math.round(full * this.scale));
  }

  run(seed: number): DemoData {
    const marker = `Cheorwon County Office (demo seed ${seed}, scale ${this.scale})`;
    this.addEmployer({ name: marker, kind: 'overseas', country: 'KR', province: 'Gangwon' }, { market: 'KR' });
    this.addEmployers();
    const cheorwonQuotas = {
      firstTime: this.count(FULL_SCALE.cheorwon.firstTime, 1),
      returning: this.count(FULL_SCALE.cheorwon.returning, 2),
    };
    const fairDays = this.fairDays();
    const held = fairDays.filter((fair) => fair.held);
    if (!held.length) throw new RangeError(`no fair was held before ${this.asOf}`);
    this.addSeekers(held);
    const designated = this.designatedWorkers(cheorwonQuotas.returning);
    const cheorwon = this.openings.length;
    this.openings.push({ employer: 0, body: this.cheorwonOpening(cheorwonQuotas, designated) });
    this.addOpenings(cheorwonQuotas.firstTime + cheorwonQuotas.returning);
    const fairs = this.fairs(fairDays, cheorwon);
    const lifecycle = chooseLifecycle(fairs, this.asOf, seed);
    const documents = this.addDatedDocuments(fairs, lifecycle.fair, new Set(designated), seed);
    const secondRecords = this.addSecondRecords(fairs[lifecycle.fair], new Set(designated), seed);
    return {
      seed,
      scale: this.scale,
      asOf: this.asOf,
      loadedOn: this.loadedOn,
      marker,
      employers: this.employers,
      openings: this.openings,
      seekers: this.seekers,
      fairs,
      cheorwon,
      lifecycle,
      documents,
      secondRecords,
    };
  }

  // ---- employers and openings ----

  private addEmployer(body: EmployerBody, facts: EmployerFacts): void {
    this.employers.push(body);
    this.facts.push(facts);
  }

  private addEmployers(): void {
    const { employers } = FULL_SCALE;
    const names = new Set<string>();
    const uniqueName = (base: () => string): string => {
      let name = base();
      for (let tries = 0; names.has(name) && tries < 20; tries++) name = base();
      for (let n = 2; names.has(name); n++) name = `${base()} (${n})`;
      names.add(name);
      return name;
    };
    for (let i = 0; i < this.count(employers.domestic, 2); i++) {
      const district = this.random.pick(DISTRICTS).name;
      const name = uniqueName(() => `${this.random.pick(COMPANY_WORDS.VN)} ${district} ${this.random.pick(COMPANY_SUFFIX.VN)}`);
      this.addEmployer({ name, kind: 'domestic', province: PROVINCE }, { market: 'VN', district });
    }
    for (const market of ['TW', 'JP', 'KR'] as const) {
      for (let i = 0; i < this.count(employers[market], 1); i++) {
        const region = this.random.pick(MARKETS[market].regions);
        const name = uniqueName(() => `${this.random.pick(COMPANY_WORDS[market])} ${region} ${this.random.pick(COMPANY_SUFFIX[market])}`);
        this.addEmployer({ name, kind: 'overseas', country: market, province: region }, { market });
      }
    }
    for (let i = 0; i < this.count(employers.agency, 2); i++) {
      this.addEmployer(
        {
          name: uniqueName(() => `${this.random.pick(COMPANY_WORDS.VN)} ${this.random.pick(AGENCY_SUFFIX)}`),
          kind: 'agency',
          licenceNumber: `${this.random.int(10, 480)}/LĐTBXH-GP`,
          province: PROVINCE,
        },
        { market: 'agency' },
      );
    }
  }

  /**
   * Each employer but Cheorwon's posts one to a few openings in its market (agencies in
   * any overseas market); then each market's positions are shared among its openings.
   */
  private addOpenings(cheorwonSeats: number): void {
    const byMarket: Record<Market, number[]> = { TW: [], JP: [], KR: [], VN: [] };
    this.facts.forEach((facts, employer) => {
      if (employer === 0) return; // Cheorwon's county office brings only its seasonal programme
      const howMany =
        facts.market === 'VN' ? this.random.int(1, 2) : facts.market === 'agency' ? this.random.int(1, 4) : this.random.int(1, 3);
      for (let i = 0; i < howMany; i++) {
        const market: Market = facts.market === 'agency' ? this.random.weighted(OVERSEAS_SHARES) : facts.market;
        byMarket[market].push(this.openings.length);
        this.openings.push({ employer, body: undefined as unknown as OpeningBody });
      }
    });
    const positions: Record<Market, number> = {
      TW: this.count(FULL_SCALE.positions.TW, 1),
      JP: this.count(FULL_SCALE.positions.JP, 1),
      // Korea's share includes Cheorwon's seats.
      KR: this.count(FULL_SCALE.positions.KR, 1) - cheorwonSeats,
      VN: this.count(FULL_SCALE.positions.VN, 1),
    };
    for (const market of ['TW', 'JP', 'KR', 'VN'] as const) {
      const indices = byMarket[market];
      if (!indices.length) {
        // A small slice may leave a market to chance: an agency takes it on.
        const agency = this.facts.findIndex((f) => f.market === 'agency');
        const employer = market === 'VN' ? this.facts.findIndex((f) => f.market === 'VN') : agency;
        indices.push(this.openings.length);
        this.openings.push({ employer, body: undefined as unknown as OpeningBody });
      }
      // A small slice may have more openings than positions: each opening has at least one.
      const shares = this.split(Math.max(positions[market], indices.length), indices.length);
      indices.forEach((index, i) => {
        this.openings[index].body = this.opening(market, shares[i], this.facts[this.openings[index].employer]);
      });
    }
  }

  /** `total` (at least `parts`) split into `parts` positive integers of uneven sizes that add up exactly. */
  private split(total: number, parts: number): number[] {
    const weights = Array.from({ length: parts }, () => 0.3 + this.random.next() * 1.4);
    const sum = weights.reduce((a, b) => a + b, 0);
    const shares = weights.map((w) => 1 + Math.floor((w / sum) * (total - parts)));
    let rest = total - shares.reduce((a, b) => a + b, 0);
    for (let i = 0; rest > 0; i = (i + 1) % parts, rest--) shares[i]++;
    return shares;
  }

  private opening(market: Market, positions: number, employer: EmployerFacts): OpeningBody {
    const startDate = this.dayAfter(this.asOf, this.random.int(30, 180));
    if (market === 'VN') {
      const sector = this.random.weighted(DOMESTIC_SECTORS);
      const district = employer.district ?? this.random.pick(DISTRICTS).name;
      return {
        title: `${label(sector)} worker, ${district}`,
        sector,
        scope: 'domestic',
        country: 'VN',
        province: PROVINCE,
        district,
        programme: 'domestic',
        positions,
        requirements: this.requirements(sector, 18, this.random.pick([35, 40, 45, 50])),
        salary: { amount: this.random.int(12, 24) * 500_000, currency: 'VND', period: 'month' },
        costs: [],
        startDate,
      };
    }
    const { regions, sectors } = MARKETS[market];
    const sector = this.random.weighted(sectors);
    const province = this.random.pick(regions);
    const place = `${label(sector)} worker, ${province}`;
    if (market === 'TW') {
      const requirements = this.requirements(sector, 20, this.random.pick([35, 38, 40, 45]));
      // Some Taiwanese employers ask for basic Chinese.
      if (this.random.chance(0.15)) requirements.languageTests.push({ test: 'TOCFL', minLevel: 'A1' });
      const wage = 28_590 + this.random.int(0, 8) * 500;
      return {
        title: `${place} (Taiwan)`,
        sector,
        scope: 'overseas',
        country: 'TW',
        province,
        programme: 'taiwan-contract',
        positions,
        requirements,
        salary: { amount: wage, currency: 'TWD', period: 'month' },
        costs: this.costs([['service fee (at most one month of wage)', wage, 'TWD']]),
        startDate,
      };
    }
    if (market === 'JP') {
      const specified = this.random.chance(0.35);
      const programme: Programme = specified ? 'japan-specified-skilled' : 'japan-technical-intern';
      const requirements = this.requirements(sector, 18, specified ? 40 : 30);
      requirements.languageTests.push({ test: 'JLPT', minLevel: specified && this.random.chance(0.2) ? 'N3' : 'N4' });
      return {
        title: `${place} (${specified ? 'specified skilled worker' : 'technical intern'})`,
        sector,
        scope: 'overseas',
        country: 'JP',
        province,
        programme,
        positions,
        requirements,
        salary: { amount: this.random.int(34, 46) * 5_000, currency: 'JPY', period: 'month' },
        costs: this.costs([['Japanese course and pre-departure training', this.random.int(8, 15) * 1_000_000, 'VND']]),
        startDate,
      };
    }
    const requirements = this.requirements(sector, 18, 39);
    // EPS-TOPIK cut-offs are set per industry, out of 200.
    requirements.languageTests.push({ test: 'EPS-TOPIK', minScore: this.random.pick([90, 100, 110, 120, 130, 140]) });
    // Some employers keep seats for "faithful workers" coming back.
    const returning = positions >= 5 && this.random.chance(0.3) ? Math.max(1, Math.round(positions * 0.2)) : 0;
    return {
      title: `${place} (EPS)`,
      sector,
      scope: 'overseas',
      country: 'KR',
      province,
      programme: 'eps',
      positions,
      ...(returning ? { quotas: { firstTime: positions - returning, returning } } : {}),
      requirements,
      salary: { amount: 2_096_270, currency: 'KRW', period: 'month' },
      costs: this.costs([['EPS-TOPIK test fee', 24, 'USD']]),
      startDate,
    };
  }

  private requirements(sector: Sector, minAge: number, maxAge: number): Requirements {
    const requirements: Requirements = {
      minAge,
      maxAge,
      languageTests: [],
      skills: this.random.sample(
        SKILLS[sector],
        this.random.weighted([
          [0, 5],
          [1, 4],
          [2, 1],
        ]),
      ),
    };
    if (this.random.chance(0.3)) requirements.minExperienceYears = this.random.int(1, 3);
    return requirements;
  }

  /** What the worker pays, shown before applying: the programme's own items, the medical check and the flight. */
  private costs(items: [string, number, string][]): WorkerCost[] {
    return [
      ...items.map(([item, amount, currency]) => ({ item, amount, currency })),
      { item: 'medical check', amount: this.random.int(10, 20) * 100_000, currency: 'VND' },
      { item: 'flight', amount: this.random.int(50, 120) * 100_000, currency: 'VND' },
    ];
  }

  private cheorwonOpening(quotas: { firstTime: number; returning: number }, designatedWorkers: string[]): OpeningBody {
    const year = Number(this.asOf.slice(0, 4));
    return {
      title: `Seasonal farm worker, Cheorwon county (E-8, ${year})`,
      sector: 'agriculture',
      scope: 'overseas',
      country: 'KR',
      province: 'Gangwon',
      district: 'Cheorwon',
      programme: 'seasonal',
      positions: quotas.firstTime + quotas.returning,
      quotas,
      designatedWorkers,
      requirements: { ...CHEORWON_REQUIREMENTS, languageTests: [], skills: [...CHEORWON_REQUIREMENTS.skills] },
      salary: { amount: 10_030, currency: 'KRW', period: 'hour' },
      costs: this.costs([['visa and insurance', 2_500_000, 'VND']]),
      startDate: `${year}-04-01`,
    };
  }

  // ---- fairs ----

  /** The fairs' days over the 18 months that end shortly after the demo's date. */
  private fairDays(): { index: number; kind: 'fixed' | 'mobile'; day: string; held: boolean; district?: string }[] {
    const total = this.count(FULL_SCALE.fairs, 3);
    const fixed = this.count(FULL_SCALE.fixedFairs, 1);
    const fixedAt = new Set(Array.from({ length: fixed }, (_, k) => Math.floor(((k + 0.5) * total) / fixed)));
    // The period starts 16 months before the demo's date: the last fairs are still to come.
    const start = this.dayAfter(this.asOf, -Math.round(16 * 30.44));
    // Mobile fairs go first to the highland districts, then to the lowland ones away from the centre.
    const districts = (highland: boolean) =>
      this.random.sample(
        DISTRICTS.filter((d) => d.highland === highland && d.name !== CENTRE_DISTRICT).map((d) => d.name),
        DISTRICTS.length,
      );
    const mobileDistricts = [...districts(true), ...districts(false)];
    let mobile = 0;
    return Array.from({ length: total }, (_, index) => {
      const offset = Math.round(((index + 1) / total) * FULL_SCALE.months * 30.44) - this.random.int(0, 10);
      const day = this.dayAfter(start, offset);
      const kind = fixedAt.has(index) ? 'fixed' : 'mobile';
      const district = kind === 'mobile' ? mobileDistricts[mobile++ % mobileDistricts.length] : undefined;
      return { index, kind, day, held: day < this.asOf, district };
    });
  }

  private fairs(days: ReturnType<Generator['fairDays']>, cheorwon: number): DemoFair[] {
    const booths = this.booths(days, cheorwon);
    const attendees: number[][] = days.map(() => []);
    this.seekerFairs.forEach((fair, seeker) => attendees[fair].push(seeker));
    return days.map(({ index, kind, day, held, district }) => {
      const [y, m] = [day.slice(0, 4), Number(day.slice(5, 7))];
      const body =
        kind === 'fixed'
          ? {
              name: `Phiên giao dịch việc làm định kỳ tháng ${m}/${y}`,
              kind,
              province: PROVINCE,
              district: CENTRE_DISTRICT,
              venue: 'Trung tâm Dịch vụ việc làm Thanh Hóa',
              startsAt: `${day}T07:30:00+07:00`,
              endsAt: `${day}T16:30:00+07:00`,
            }
          : {
              name: `Phiên giao dịch việc làm lưu động ${district} tháng ${m}/${y}`,
              kind,
              province: PROVINCE,
              district,
              venue: `Nhà văn hóa ${district}`,
              startsAt: `${day}T07:30:00+07:00`,
              endsAt: `${day}T11:30:00+07:00`,
            };
      const arrivals = attendees[index];
      const registrations = held
        ? arrivals.filter(() => this.random.chance(PRE_REGISTERED))
        : this.random
            .sample(
              this.seekers.map((_, i) => i),
              Math.round(this.seekers.length * UPCOMING_SIGN_UPS),
            )
            .sort((a, b) => a - b);
      const checkIns: CheckInItem[] = arrivals
        .map((seeker) => ({
          nationalId: this.seekers[seeker].nationalId,
          clientRef: `demo-${this.seekers[seeker].nationalId}`,
          at: `${day}T${time(this.random.int(450, kind === 'fixed' ? 980 : 680))}:00+07:00`,
        }))
        .sort((a, b) => a.at.localeCompare(b.at));
      return { body, held, booths: booths[index], registrations, checkIns };
    });
  }

  /** Every employer comes to at least one fair; the fixed fairs draw many more booths than the mobile ones. */
  private booths(days: ReturnType<Generator['fairDays']>, cheorwon: number): DemoBooth[][] {
    const byEmployer = new Map<number, number[]>();
    this.openings.forEach((opening, index) => byEmployer.set(opening.employer, [...(byEmployer.get(opening.employer) ?? []), index]));
    const employers = [...byEmployer.keys()].filter((e) => e !== 0);
    const atFair: Set<number>[] = days.map(
      ({ kind }) => new Set(this.random.sample(employers, Math.max(2, Math.round(employers.length * (kind === 'fixed' ? 0.25 : 0.06))))),
    );
    for (const employer of employers) {
      if (!atFair.some((set) => set.has(employer))) atFair[this.random.int(0, days.length - 1)].add(employer);
    }
    // Cheorwon's seasonal programme is presented at every fixed fair.
    days.forEach(({ kind }, i) => kind === 'fixed' && atFair[i].add(this.openings[cheorwon].employer));
    return atFair.map((set) =>
      [...set]
        .sort((a, b) => a - b)
        .map((employer) => {
          const openings = byEmployer.get(employer)!;
          return {
            employer,
            openings:
              openings.length > 1 ? this.random.sample(openings, this.random.int(1, openings.length)).sort((a, b) => a - b) : openings,
          };
        }),
    );
  }

  // ---- seekers ----

  private addSeekers(held: ReturnType<Generator['fairDays']>): void {
    for (let i = 0; i < this.count(FULL_SCALE.seekers, 200); i++) {
      const local = held.filter((f) => f.kind === 'mobile');
      const fixed = held.filter((f) => f.kind === 'fixed');
      const draw = this.random.weighted<(typeof held)[number]>([
        ...fixed.map((f) => [f, 3] as const),
        ...local.map((f) => [f, 1] as const),
      ]);
      this.seekerFairs.push(draw.index);
      this.seekers.push(this.seeker(draw.day, draw.district));
    }
  }

  private seeker(fairDay: string, fairDistrict?: string): SeekerBody {
    const random = this.random;
    const fromElsewhere = random.chance(0.04);
    const province = fromElsewhere ? random.pick(OTHER_PROVINCES) : PROVINCE;
    // A mobile fair draws mostly from its own district.
    const districtName = fromElsewhere ? undefined : fairDistrict && random.chance(0.6) ? fairDistrict : random.pick(DISTRICTS).name;
    const highland = DISTRICTS.find((d) => d.name === districtName)?.highland ?? false;
    const ethnic = highland && random.chance(0.45);
    const householdStatus: HouseholdStatus = ethnic
      ? random.weighted([
          ['ethnic-minority', 60],
          ['poor', 25],
          ['near-poor', 15],
        ])
      : random.weighted([
          ['none', 88],
          ['poor', 4],
          ['near-poor', 5],
          ['ethnic-minority', 2],
          ['difficult', 1],
        ]);
    const gender: Gender = random.chance(0.62) ? 'male' : 'female';
    const age = random.chance(0.04) ? random.int(46, 55) : Math.floor(random.bell(27, 6, 18, 45));
    const birthDate = this.dayAfter(this.asOf, -(Math.ceil(age * 365.25) + random.int(1, 360)));
    const registeredAt = this.dayAfter(fairDay, -random.int(0, 20));

    const overseas = random.chance(0.55);
    const countries = overseas || random.chance(0.3) ? this.preferredCountries() : [];
    const scopes: ('domestic' | 'overseas')[] = overseas
      ? random.chance(0.6)
        ? ['overseas']
        : ['overseas', 'domestic']
      : countries.length
        ? ['domestic', 'overseas']
        : ['domestic'];
    const firstSector =
      countries.length && scopes[0] === 'overseas'
        ? random.weighted(MARKETS[countries[0] as 'TW' | 'JP' | 'KR'].sectors)
        : random.weighted(DOMESTIC_SECTORS);
    const sectors = [...new Set([firstSector, ...random.sample(Object.keys(SKILLS) as Sector[], random.int(0, 2))])];
    const skills = random.chance(0.7)
      ? random.sample(SKILLS[firstSector], random.int(1, 2)).map((name) => ({ name, years: random.int(0, 8) }))
      : [];
    return {
      nationalId: this.nationalId(province, gender, birthDate),
      fullName: this.fullName(gender, ethnic),
      birthDate,
      gender,
      ...(random.chance(0.85) ? { phone: `+84 9${random.int(0, 9)} ${random.int(100, 999)} ${random.int(1000, 9999)}` } : {}),
      province,
      ...(districtName ? { district: districtName } : {}),
      education: random.weighted(EDUCATION),
      skills,
      languageTests: this.languageTests(countries),
      preferences: { scopes, countries, sectors },
      overseasHistory: this.overseasHistory(age),
      householdStatus,
      consents: this.consents(registeredAt, scopes.includes('overseas')),
    };
  }

  private preferredCountries(): string[] {
    const first = this.random.weighted(OVERSEAS_SHARES);
    const others = this.random.sample(
      (['TW', 'JP', 'KR'] as const).filter((c) => c !== first),
      this.random.int(0, 2),
    );
    return [first, ...others];
  }

  private languageTests(countries: string[]): LanguageTestResult[] {
    const random = this.random;
    const tests: LanguageTestResult[] = [];
    const takenAt = () => this.dayAfter(this.asOf, -random.int(30, 600));
    if (countries.includes('KR') && random.chance(0.6)) {
      tests.push({ test: 'EPS-TOPIK', score: Math.round(random.bell(125, 30, 40, 200)), takenAt: takenAt() });
    }
    if (countries.includes('JP') && random.chance(0.65)) {
      tests.push({
        test: 'JLPT',
        level: random.weighted([
          ['N5', 35],
          ['N4', 45],
          ['N3', 15],
          ['N2', 5],
        ]),
        takenAt: takenAt(),
      });
      if (random.chance(0.15)) tests.push({ test: 'JFT-Basic', score: random.int(15, 25) * 10, takenAt: takenAt() });
    }
    if (countries.includes('TW') && random.chance(0.1)) {
      tests.push({ test: 'TOCFL', level: random.pick(['A1', 'A2']), takenAt: takenAt() });
    }
    return tests;
  }

  /** About one seeker in twenty has already worked abroad; some were recommended for rehire. */
  private overseasHistory(age: number): OverseasStint[] {
    const random = this.random;
    if (age < 24 || !random.chance(0.05)) return [];
    const country = random.weighted<'KR' | 'JP' | 'TW'>([
      ['KR', 40],
      ['JP', 30],
      ['TW', 30],
    ]);
    const programme = { KR: 'eps', JP: 'japan-technical-intern', TW: 'taiwan-contract' }[country];
    const from = this.dayAfter(this.asOf, -random.int(5 * 365, 8 * 365));
    const stint: OverseasStint = {
      country,
      employer: `${random.pick(COMPANY_WORDS[country])} ${random.pick(COMPANY_SUFFIX[country])}`,
      programme,
      from,
      to: this.dayAfter(from, country === 'KR' ? random.int(3 * 365, 4 * 365 + 300) : 3 * 365),
    };
    if (random.chance(0.4)) stint.rehireRecommended = true;
    return [stint];
  }

  private consents(registeredAt: string, overseas: boolean): Consent[] {
    const random = this.random;
    const at = `${registeredAt}T${time(random.int(420, 1020))}:00+07:00`;
    const consents: Consent[] = [
      { purpose: 'matching', granted: true, at },
      { purpose: 'share-with-employers', granted: random.chance(0.92), at },
      { purpose: 'contact', granted: random.chance(0.95), at },
    ];
    if (overseas) consents.push({ purpose: 'follow-up-abroad', granted: random.chance(0.8), at });
    return consents;
  }

  /**
   * The national IDs of the returning workers Cheorwon's farms asked for by name. Most are
   * on the centre's roster already, with their season in Cheorwon in their history; the
   * others have not come to the centre yet.
   */
  private designatedWorkers(count: number): string[] {
    const known = Math.max(1, Math.round(count * DESIGNATED_KNOWN));
    const year = Number(this.asOf.slice(0, 4));
    return Array.from({ length: count }, (_, i) => {
      if (i >= known) {
        const gender: Gender = this.random.chance(0.75) ? 'male' : 'female';
        return this.nationalId(PROVINCE, gender, this.dayAfter(this.asOf, -this.random.int(28 * 365, 50 * 365)));
      }
      // One of the roster's seekers becomes a returning seasonal worker. Farms ask back people
      // who did the work and can come again: of age for the programme, with its skill.
      const index = this.random.int(0, this.seekers.length - 1);
      const seeker = this.seekers[index];
      const age = year - Number(seeker.birthDate.slice(0, 4)) - 1;
      const ofAge = age >= CHEORWON_REQUIREMENTS.minAge && age < CHEORWON_REQUIREMENTS.maxAge;
      if (!ofAge || seeker.overseasHistory.some((s) => s.programme === 'seasonal')) return this.designatedWorkers(1)[0];
      const season = year - this.random.int(1, 2);
      const skills = seeker.skills.filter((skill) => !CHEORWON_REQUIREMENTS.skills.includes(skill.name));
      seeker.skills = [...CHEORWON_REQUIREMENTS.skills.map((name) => ({ name, years: year - season })), ...skills];
      seeker.overseasHistory = [
        {
          country: 'KR',
          employer: `Cheorwon farm household ${this.random.int(1, 400)}`,
          programme: 'seasonal',
          from: `${season}-04-0${this.random.int(1, 9)}`,
          to: `${season}-0${this.random.int(8, 9)}-2${this.random.int(0, 8)}`,
          ...(this.random.chance(0.8) ? { rehireRecommended: true } : {}),
        },
      ];
      seeker.preferences = { scopes: ['overseas'], countries: ['KR'], sectors: ['agriculture'] };
      if (!seeker.consents.some((c) => c.purpose === 'follow-up-abroad')) {
        seeker.consents.push({ purpose: 'follow-up-abroad', granted: true, at: seeker.consents[0].at });
      }
      return seeker.nationalId;
    });
  }

  // ---- people ----

  /** 12 digits like a citizen ID: province code, century and gender, year of birth, then a serial. */
  private nationalId(province: string, gender: Gender, birthDate: string): string {
    const year = Number(birthDate.slice(0, 4));
    const centuryGender = (year >= 2000 ? 2 : 0) + (gender === 'female' ? 1 : 0);
    for (;;) {
      const id = `${PROVINCE_CODES[province]}${centuryGender}${birthDate.slice(2, 4)}${String(this.random.int(0, 999_999)).padStart(6, '0')}`;
      if (!this.nationalIds.has(id)) {
        this.nationalIds.add(id);
        return id;
      }
    }
  }

  private fullName(gender: Gender, ethnic: boolean): string {
    const key = gender === 'female' ? 'female' : 'male';
    const family = ethnic ? this.random.pick(HIGHLAND_FAMILY_NAMES) : this.random.weighted(FAMILY_NAMES);
    return `${family} ${this.random.pick(MIDDLE_NAMES[key])} ${this.random.pick(GIVEN_NAMES[key])}`;
  }

  // ---- one person, one record ----

  /**
   * A few people registered a second time under an old 9-digit ID (a walk-in without the new
   * card), from a stream of their own so the rest of the demo is the same: the duplicates' review
   * has pairs to decide after `npm start`. Only people not at the lifecycle fair, with no dated
   * document and no named seat, so that its run, funnel and the expiry list stay as they are; the
   * second records check in nowhere.
   */
  private addSecondRecords(lifecycleFair: DemoFair, designated: Set<string>, seed: number): SecondRecord[] {
    const random = new Random(seed * 7_919 + 3);
    const atLifecycle = new Set([
      ...lifecycleFair.checkIns.map((c) => c.nationalId),
      ...lifecycleFair.registrations.map((i) => this.seekers[i].nationalId),
    ]);
    const alone = this.seekers.filter(
      (s) => !atLifecycle.has(s.nationalId) && !designated.has(s.nationalId) && !s.medicalCheck && !s.rosterEntries,
    );
    return random.sample(alone, SECOND_RECORDS).map((first, i) => {
      const samePhone = i % 2 === 0 && first.phone !== undefined;
      const { phone, ...person } = first;
      const second: SeekerBody = {
        ...person,
        nationalId: this.oldNationalId(random),
        consents: first.consents.map((consent) => ({ ...consent })),
        ...(samePhone ? { phone } : {}),
      };
      this.seekers.push(second);
      return { nationalId: second.nationalId, of: first.nationalId, samePhone };
    });
  }

  /** 9 digits like the old identity card's number. */
  private oldNationalId(random: Random): string {
    for (;;) {
      const id = String(random.int(100_000_000, 999_999_999));
      if (!this.nationalIds.has(id)) {
        this.nationalIds.add(id);
        return id;
      }
    }
  }

  // ---- validity clocks ----

  /**
   * Medical checks and roster entries (README "Validity clocks"), drawn from a stream of their own
   * so the rest of the demo is the same with or without them:
   * - a few seekers of the lifecycle fair who want work abroad only, with a medical check that
   *   ran out before the demo's date, so its run leaves them unmatched for `medical-expired`;
   * - for the expiry list, a medical check and an EPS roster entry running out within 30, within
   *   60 and within 90 days of the day the demo is loaded (of seekers not at the lifecycle fair,
   *   whose run they leave as it is);
   * - and, for the rest, some fresh fit checks and roster entries that count past every opening's start.
   * Designated workers are left out: their named seats are theirs.
   */
  private addDatedDocuments(fairs: DemoFair[], lifecycleFair: number, designated: Set<string>, seed: number): DemoDocuments {
    const random = new Random(seed * 104_729 + 7);
    const fair = fairs[lifecycleFair];
    const atLifecycle = new Set(fair.checkIns.map((c) => c.nationalId));
    const markets = new Set(
      fair.booths
        .flatMap((booth) => booth.openings.map((o) => this.openings[o].body))
        .filter((o) => o.scope === 'overseas')
        .map((o) => o.country),
    );
    const free = (s: SeekerBody) => !designated.has(s.nationalId) && !s.medicalCheck && !s.rosterEntries;
    const abroadOnly = (s: SeekerBody) => s.preferences.scopes.length === 1 && s.preferences.scopes[0] === 'overseas';
    const documents: DemoDocuments = { medicalExpired: [], expiring: [] };

    const expired = this.seekers.filter(
      (s) => free(s) && atLifecycle.has(s.nationalId) && abroadOnly(s) && s.preferences.countries.some((c) => markets.has(c)),
    );
    for (const seeker of random.sample(expired, MEDICAL_EXPIRED_AT_LIFECYCLE)) {
      seeker.medicalCheck = { checkedAt: this.dayAfter(yearBefore(this.asOf), -random.int(10, 60)), result: 'fit' };
      documents.medicalExpired.push(seeker.nationalId);
    }

    const elsewhere = (s: SeekerBody) => free(s) && !atLifecycle.has(s.nationalId) && s.preferences.scopes.includes('overseas');
    for (const [withinDays, from] of EXPIRING_WINDOWS) {
      const validUntil = () => this.dayAfter(this.loadedOn, random.int(from, withinDays - 5));
      const medical = random.pick(this.seekers.filter(elsewhere));
      if (medical) {
        const until = validUntil();
        medical.medicalCheck = { checkedAt: yearBefore(until), result: 'fit' };
        documents.expiring.push({ nationalId: medical.nationalId, kind: 'medical-check', validUntil: until, withinDays });
      }
      const roster = random.pick(this.seekers.filter((s) => elsewhere(s) && s.preferences.countries.includes('KR')));
      if (roster) {
        const until = validUntil();
        roster.rosterEntries = [{ programme: 'eps', enteredAt: yearBefore(until) }];
        documents.expiring.push({ nationalId: roster.nationalId, kind: 'roster-entry', validUntil: until, withinDays });
      }
    }

    for (const seeker of this.seekers) {
      if (!free(seeker) || !seeker.preferences.scopes.includes('overseas')) continue;
      if (random.chance(FRESH_MEDICAL_SHARE)) {
        seeker.medicalCheck = { checkedAt: this.dayAfter(this.asOf, -random.int(0, 60)), result: random.chance(0.05) ? 'unfit' : 'fit' };
      }
      if (seeker.languageTests.some((t) => t.test === 'EPS-TOPIK') && random.chance(FRESH_ROSTER_SHARE)) {
        seeker.rosterEntries = [{ programme: 'eps', enteredAt: this.dayAfter(this.asOf, -random.int(0, 150)) }];
      }
    }
    return documents;
  }

  private dayAfter(day: string, days: number): string {
    return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  }
}

/** Seekers of the lifecycle fair whose medical check ran out before the demo's date. */
const MEDICAL_EXPIRED_AT_LIFECYCLE = 2;
/** People of the demo registered a second time (the duplicates' review). */
const SECOND_RECORDS = 3;
/** The expiry list's windows, each with the fewest days left of its documents (so each falls in its own window). */
const EXPIRING_WINDOWS: readonly (readonly [30 | 60 | 90, number])[] = [
  [30, 5],
  [60, 35],
  [90, 65],
];
/** Of the seekers who want work abroad, those with a recent medical check on file (a few unfit). */
const FRESH_MEDICAL_SHARE = 0.05;
/** Of those with an EPS-TOPIK result, those on the EPS roster since a recent entry. */
const FRESH_ROSTER_SHARE = 0.3;

/** The same calendar day a year earlier (29 February: the 28th): a document dated so runs out on `day` (1 year's validity). */
function yearBefore(day: string): string {
  const monthDay = day.slice(5) === '02-29' ? '02-28' : day.slice(5);
  return `${Number(day.slice(0, 4)) - 1}-${monthDay}`;
}

function label(sector: Sector): string {
  const words = sector.replace('-', ' ');
  return words[0].toUpperCase() + words.slice(1);
}

/** Minutes after midnight as HH:MM. */
function time(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
