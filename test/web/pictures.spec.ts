import { Page } from 'playwright-core';
import { ApiClient, TEST_SYSTEM, asAdmin, eventually, serviceUrl, uniqueName } from '@jobfair/testing';
import { completedRun, fairWith, postOpening, registerSeeker } from '../matcher/fair-fixture';
import { registerEmployer } from '../matcher/hiring-scenario';
import { WebBrowser, accessibilityProblems, chartData, SIGN_IN_WORDS, launchBrowser, signIn } from './browser';

const VIETNAMESE = SIGN_IN_WORDS.vi;

/**
 * Pictures and paper: a run's fill per opening and its unmatched seekers by reason, and the
 * year's placements against the plan, drawn by the chart library the gateway serves from
 * data the API answered; the print view; and no serious accessibility problem on the screens.
 */
describe('charts, print and accessibility in the console', () => {
  let web: WebBrowser;
  let admin: ApiClient;
  let page: Page;
  /** The fair of the first test, after its run. */
  let fairId: string;
  let seekerNames: string[];

  beforeAll(async () => {
    admin = await asAdmin();
    web = await launchBrowser();
    page = await signIn(web.context, { username: 'admin', password: TEST_SYSTEM.adminPassword }, VIETNAMESE);
    await page.getByTestId('username').waitFor();
  });

  afterAll(async () => {
    await web?.close();
  });

  it("draws a run's fill per opening and why seekers were not matched, from the run's own figures", async () => {
    const employerId = await registerEmployer(admin, 'KR');
    const roomy = uniqueName('Trang trại Gangwon');
    const small = uniqueName('Nhà máy Incheon');
    const openings = [
      await postOpening(admin, employerId, { title: roomy, positions: 3 }),
      await postOpening(admin, employerId, { title: small, positions: 1, sector: 'manufacturing' }),
    ];
    seekerNames = [uniqueName('Lê Thị Hoa'), uniqueName('Trần Văn Bình'), uniqueName('Phạm Minh Châu')];
    const seekers = await Promise.all([
      registerSeeker(admin, { topik: 180, fullName: seekerNames[0] }),
      registerSeeker(admin, { topik: 170, fullName: seekerNames[1] }),
      // Wants Japan only: unmatched, with that reason.
      registerSeeker(admin, {
        topik: 190,
        fullName: seekerNames[2],
        preferences: { scopes: ['overseas'], countries: ['JP'], sectors: [] },
      }),
    ]);
    fairId = await fairWith(admin, [{ employerId, openingIds: openings }], seekers);
    const run = await completedRun(admin, fairId, 'optimal', { seekers: 3, openings: 2 });

    await page.goto(`${serviceUrl('gateway')}/#/matching/runs/${run.id}`);
    const fill = await chartData(page, 'Số chỗ và số người đã ghép theo vị trí tuyển');
    const byOpening = new Map(run.openingFill.map((f: any) => [f.openingId, f]));
    const titles = new Map([
      [openings[0], roomy],
      [openings[1], small],
    ]);
    expect(fill.inked).toBe(true);
    expect([...fill.labels].sort()).toEqual([roomy, small].sort());
    const expected = (key: 'seats' | 'matched') =>
      fill.labels.map((label) => (byOpening.get([...titles].find(([, title]) => title === label)![0]) as any)[key]);
    expect(fill.series).toEqual({ 'Số chỗ còn trống': expected('seats'), 'Đã ghép': expected('matched') });
    expect(fill.series['Đã ghép'].reduce((a, b) => a + b, 0)).toBe(run.summary.matched);

    const reasons = await chartData(page, 'Người chưa ghép được theo lý do');
    expect(reasons.series['Người tìm việc'].reduce((a, b) => a + b, 0)).toBe(run.summary.unmatched);
    expect(reasons.labels.length).toBe(Object.keys(run.summary.unmatchedReasons).length);

    // Its numbers are one click away.
    await page.getByRole('figure', { name: 'Người chưa ghép được theo lý do' }).getByText('Xem số liệu').click();
    await page.getByRole('table', { name: 'Người chưa ghép được theo lý do' }).waitFor();
    await expect(accessibilityProblems(page)).resolves.toEqual([]);
  }, 120000);

  it("prints a fair's report: its funnel drawn from the fair's figures, and no person named", async () => {
    const [first] = (await admin.get(`/matches?fairId=${fairId}&status=proposed`)).body.items;
    expect((await admin.post(`/matches/${first.id}/approve`)).status).toBe(200);
    expect((await admin.post('/placements', { matchId: first.id })).status).toBe(201);
    const [stats, report] = await eventually(async () => {
      const answers = [(await admin.get(`/fairs/${fairId}/stats`)).body, (await admin.get(`/reports/fairs/${fairId}`)).body];
      expect([answers[0].placements, answers[1].placements.placed]).toEqual([1, 1]);
      return answers;
    });

    await page.goto(`${serviceUrl('gateway')}/#/fairs/${fairId}`);
    await page.getByRole('link', { name: 'Báo cáo hội chợ' }).click();
    const funnel = await chartData(page, 'Từ đăng ký đến xuất cảnh');
    expect(funnel.labels).toEqual(['Đăng ký trước', 'Đã check-in', 'Được ghép', 'Được duyệt', 'Được tuyển', 'Đã xuất cảnh']);
    expect(funnel.series['Số người']).toEqual([
      stats.registrations,
      stats.checkIns,
      report.matches.proposed,
      report.matches.approved,
      report.placements.placed,
      report.placements.departed + report.placements.returned,
    ]);
    expect(funnel.series['Số người'].slice(1, 2)).toEqual([3]);
    await page.getByRole('table', { name: 'Tuyển dụng theo thị trường' }).getByRole('cell', { name: 'Hàn Quốc' }).waitFor();
    const text = await page.locator('main').innerText();
    for (const name of seekerNames) expect(text).not.toContain(name);
    await expect(accessibilityProblems(page)).resolves.toEqual([]);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: 'In báo cáo' }).isVisible()).resolves.toBe(false);
    expect((await page.pdf({ format: 'A4' })).subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
  }, 60000);

  it("draws a year's placements against the plan, and prints the numbers without the controls", async () => {
    // A year of its own, planned for two markets and with nobody placed yet: the figures are this test's.
    const year = 2090 + Math.floor(Math.random() * 10);
    for (const [market, target] of [
      ['TW', 40],
      ['JP', 25],
    ] as const) {
      expect((await admin.post('/plans', { centre: 'Trung tâm DVVL Thanh Hoá', year, market, target })).status).toBeLessThan(300);
    }
    const report = (await admin.get(`/reports/summary?year=${year}&by=market`)).body;
    expect(report.rows.map((row: any) => row.target).sort()).toEqual([25, 40]);

    await page.goto(`${serviceUrl('gateway')}/#/reports`);
    await page.getByLabel('Năm').fill(String(year));
    const summary = page.getByRole('form', { name: 'Tổng hợp tuyển dụng' });
    await summary.getByRole('button', { name: 'Xem' }).click();
    const title = `Tuyển dụng năm ${year} theo thị trường, so với kế hoạch`;
    const chart = await chartData(page, title);
    expect(chart.inked).toBe(true);
    expect(chart.series).toEqual({
      'Tổng tuyển': report.rows.map((row: any) => row.placed),
      'Kế hoạch': report.rows.map((row: any) => row.target),
    });
    await expect(accessibilityProblems(page)).resolves.toEqual([]);

    await page.emulateMedia({ media: 'print' });
    await page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
    await expect(page.getByRole('navigation').isVisible()).resolves.toBe(false);
    await expect(summary.getByRole('button', { name: 'Xem' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('table', { name: title }).isVisible()).resolves.toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate("window.dispatchEvent(new Event('afterprint'))");
    await expect(page.getByRole('table', { name: title }).isVisible()).resolves.toBe(false);
  }, 60000);

  it('has no serious accessibility problem on the screens staff use most', async () => {
    const problems: Record<string, string[]> = {};
    for (const screen of ['#/fairs', '#/seekers', '#/seekers/new', '#/matching', '#/placements', '#/employers', '#/openings']) {
      await page.goto(`${serviceUrl('gateway')}/${screen}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      // Lists fill in after the heading: judge the screen once the API has answered.
      await page.waitForLoadState('networkidle');
      problems[screen] = await accessibilityProblems(page);
    }
    expect(problems).toEqual(Object.fromEntries(Object.keys(problems).map((screen) => [screen, []])));
  }, 60000);

  it('loads nothing from outside the origin', () => {
    expect(web.foreignRequests).toEqual([]);
  });
});
