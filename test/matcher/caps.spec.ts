// Programme caps and faithful workers (issue 14) through the gateway against the real system:
// the seasonal programme's cap of 9 workers per employer holds across two of its openings in
// one run, and a worker returning to the same employer is matched without a language test.
import { PROGRAMME_CAPS, SEASONAL_WORKERS_PER_EMPLOYER } from '@jobfair/contracts';
import { ApiClient, asAdmin, asNewUser } from '@jobfair/testing';
import { completedRun, fairWith, postOpening, registerSeeker } from './fair-fixture';
import { registerEmployer } from './hiring-scenario';

const SEATS_PER_FARM_OPENING = 6;
/** One more seeker than the cap lets in. */
const FARM_SEEKERS = SEASONAL_WORKERS_PER_EMPLOYER + 1;
const NO_REQUIREMENTS = { requirements: { languageTests: [], skills: [] } };
const JLPT_N4 = { requirements: { languageTests: [{ test: 'JLPT', minLevel: 'N4' }], skills: [] } };

describe('programme caps and faithful workers (through the gateway)', () => {
  let staff: ApiClient;
  let farmOpenings: string[];
  let japanOpening: string;
  let faithful: string;
  let changedWorkplace: string;
  let run: any;
  let matches: any[];

  beforeAll(async () => {
    const admin = await asAdmin();
    staff = await asNewUser('staff');
    const [farm, factory] = await Promise.all([registerEmployer(admin, 'KR'), registerEmployer(admin, 'JP')]);
    farmOpenings = [
      await postOpening(admin, farm, {
        programme: 'seasonal',
        positions: SEATS_PER_FARM_OPENING,
        household: 'Kim farm',
        ...NO_REQUIREMENTS,
      }),
      await postOpening(admin, farm, { programme: 'seasonal', positions: SEATS_PER_FARM_OPENING, ...NO_REQUIREMENTS }),
    ];
    japanOpening = await postOpening(admin, factory, {
      country: 'JP',
      province: 'Aichi',
      sector: 'manufacturing',
      programme: 'japan-specified-skilled',
      ...JLPT_N4,
    });
    const farmSeekers: string[] = [];
    for (let i = 0; i < FARM_SEEKERS; i++) farmSeekers.push(await registerSeeker(staff, {}));
    const backTo = (employerId: string, changed: boolean) =>
      registerSeeker(staff, {
        preferences: { scopes: ['overseas'], countries: ['JP'], sectors: ['manufacturing'] },
        overseasHistory: [{ country: 'JP', employerId, from: '2023-04-01', to: '2026-12-20', changedWorkplace: changed }],
      });
    faithful = await backTo(factory, false);
    changedWorkplace = await backTo(factory, true);
    const fairId = await fairWith(
      staff,
      [
        { employerId: farm, openingIds: farmOpenings },
        { employerId: factory, openingIds: [japanOpening] },
      ],
      [...farmSeekers, faithful, changedWorkplace],
    );
    run = await completedRun(staff, fairId, 'optimal', { seekers: FARM_SEEKERS + 2, openings: 3 });
    const res = await staff.get(`/matches?runId=${run.id}&limit=100`);
    expect(res.status).toBe(200);
    matches = res.body.items;
  }, 240000);

  it("keeps the seasonal programme's cap per employer across two of its openings, and names the cap", () => {
    expect(PROGRAMME_CAPS.seasonal?.perEmployer).toBe(SEASONAL_WORKERS_PER_EMPLOYER);
    const onFarm = matches.filter((m) => farmOpenings.includes(m.openingId));
    // 12 seats at the two openings, 10 candidates: the cap, not the seats, stops at 9; the household (Kim farm) at 5.
    expect(onFarm).toHaveLength(SEASONAL_WORKERS_PER_EMPLOYER);
    expect(onFarm.filter((m) => m.openingId === farmOpenings[0]).length).toBeLessThanOrEqual(PROGRAMME_CAPS.seasonal!.perHousehold!);
    expect(run.summary.unmatchedReasons['cap-reached']).toBe(1);
    const left = run.unmatched.find((u: any) => u.reasonCodes.includes('cap-reached'));
    expect(left.reasons).toContain(
      `cap reached: seasonal programme: at most ${SEASONAL_WORKERS_PER_EMPLOYER} workers per employer (${onFarm[0].employerId})`,
    );
  });

  it('matches a faithful worker returning to the same employer without a language test, and says so', () => {
    const match = matches.find((m) => m.seekerId === faithful);
    expect(match).toMatchObject({ openingId: japanOpening, quotaClass: 'returning' });
    expect(match.notes).toEqual([{ code: 'faithful-worker-no-language-test', text: expect.stringContaining('no new language test') }]);
    // The same history with a change of workplace still needs the test.
    expect(matches.some((m) => m.seekerId === changedWorkplace)).toBe(false);
    expect(run.unmatched.find((u: any) => u.seekerId === changedWorkplace).reasonCodes).toEqual(['language-missing']);
  });
});
