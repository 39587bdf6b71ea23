import { Locator, Page } from 'playwright-core';
import { TEST_SYSTEM, eventually, serviceUrl, uniqueName } from '@jobfair/testing';
import { EPS_140, completedRun, fairWith, postOpening, registerSeeker } from '../matcher/fair-fixture';
import { registerEmployer } from '../matcher/hiring-scenario';
import { accessibilityProblems, browserAndAdmin, SIGN_IN_WORDS, signIn } from './browser';

const SEATS = 2;
const RATIO = 3;
/** One seeker per place on the list, best first: EPS-TOPIK scores far apart, everything else alike. */
const TOPIK = [195, 185, 175, 165, 155, 145];

/** A row of a paged table by the text it holds, asking for more pages until it is there. */
async function rowWith(region: Locator, text: string): Promise<Locator> {
  const row = region.getByRole('row').filter({ hasText: text });
  await eventually(async () => {
    if (!(await row.count())) {
      const more = region.getByRole('button', { name: 'Xem thêm' });
      if (await more.isVisible()) await more.click();
    }
    expect(await row.count()).toBe(1);
  });
  return row;
}

/**
 * A shortlist run in the console, in Vietnamese: started from the form at 3 candidates per
 * seat, its review queue with each one's rank and, on asking, the alternates waiting on the
 * list (not to be reviewed); a hired worker cancelled for a failed medical check in the
 * placements screen, the alternate that moved up shown in the queue with why; the run's
 * what-if of the ratio and its recomputation with the alternates.
 */
describe('a shortlist run in the console', () => {
  const opened = browserAndAdmin();
  let page: Page;

  afterAll(async () => {
    await page?.close();
  });

  it('starts a shortlist run, shows ranks and alternates, and moves an alternate up when a hired worker fails the medical', async () => {
    const { admin } = opened;
    const employerId = await registerEmployer(admin, 'KR');
    const title = uniqueName('Trồng nấm Chungcheong');
    const openingId = await postOpening(admin, employerId, { title, positions: SEATS, ...EPS_140 });
    const people = TOPIK.map((_, i) => uniqueName(`Hoàng Văn ${String.fromCharCode(65 + i)}`));
    const seekers: string[] = [];
    for (const [i, topik] of TOPIK.entries()) seekers.push(await registerSeeker(admin, { topik, fullName: people[i] }));
    const fairId = await fairWith(admin, [{ employerId, openingIds: [openingId] }], seekers);
    // A first run through the API waits until the matcher has learnt the whole fair; the form's then sees all of it.
    await completedRun(admin, fairId, 'optimal', { seekers: TOPIK.length, openings: 1 });

    page = await signIn(opened.web.context, { username: TEST_SYSTEM.adminUsername, password: TEST_SYSTEM.adminPassword }, SIGN_IN_WORDS.vi);
    await page.getByTestId('username').waitFor();
    await page.goto(`${serviceUrl('gateway')}/#/matching?fairId=${fairId}`);

    // The form: candidates per seat (1, one-to-one, unless changed); the lists per seeker only for a shortlist.
    const form = page.getByRole('form', { name: 'Chạy ghép nối' });
    const ratio = form.getByLabel('Số ứng viên mỗi chỗ');
    const perSeeker = form.getByLabel('Số danh sách tối đa mỗi người');
    await expect(ratio.inputValue()).resolves.toBe('1');
    await expect(perSeeker.isHidden()).resolves.toBe(true);
    await ratio.fill(String(RATIO));
    await perSeeker.waitFor();
    await perSeeker.fill('1');
    await form.getByLabel('Cách ghép').selectOption('optimal');
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/matching/runs'));
    await form.getByRole('button', { name: 'Bắt đầu' }).click();
    expect(JSON.parse((await posted).postData() ?? '{}')).toEqual({
      fairId,
      mode: 'optimal',
      shortlistRatio: RATIO,
      shortlistsPerSeeker: 1,
    });
    const runId = await eventually(() => {
      const [, id] = /#\/matching\/runs\/([^/]+)$/.exec(page.url()) ?? [];
      expect(id).toBeDefined();
      return decodeURIComponent(id);
    });
    const run = await eventually(async () => {
      const body = (await admin.get(`/matching/runs/${runId}`)).body;
      expect(body.status).toBe('completed');
      return body;
    }, 60000);
    expect(run.shortlist).toEqual({ ratio: RATIO, perSeeker: 1 });
    expect(run.summary).toMatchObject({ seekers: TOPIK.length, matched: SEATS, alternates: SEATS * (RATIO - 1) });

    // The summary counts the alternates; the review queue holds the first choices, each with its rank.
    const figure = (label: string) =>
      page
        .locator('dl.stats > div')
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator('dd');
    await expect(figure('Ứng viên dự bị').textContent()).resolves.toBe(String(SEATS * (RATIO - 1)));
    await expect(figure('Số ứng viên mỗi chỗ').textContent()).resolves.toBe(String(RATIO));
    const matches = page.getByRole('table', { name: 'Kết quả ghép' });
    await matches.getByRole('columnheader', { name: 'Thứ hạng' }).waitFor();
    const rows = matches.locator('tbody tr');
    const ranks = () => rows.locator('td:nth-child(3)').allTextContents();
    const names = () => rows.locator('td:first-child strong').allTextContents();
    await eventually(async () => expect(await ranks()).toEqual(['1', '2']));
    await expect(names()).resolves.toEqual(people.slice(0, SEATS));
    await expect(rows.getByRole('button', { name: 'Duyệt' }).count()).resolves.toBe(SEATS);

    // The opening's whole list: the alternates too, marked and without approve or reject.
    await page.getByLabel('Xem cả dự bị').check();
    await eventually(async () => expect(await ranks()).toEqual(TOPIK.map((_, i) => String(i + 1))));
    await expect(names()).resolves.toEqual(people);
    for (const [i, name] of people.entries()) {
      const row = rows.filter({ hasText: name });
      const alternate = i >= SEATS;
      await expect(row.locator('[data-status="alternate"]').allTextContents()).resolves.toEqual(alternate ? ['dự bị'] : []);
      await expect(row.getByRole('button', { name: 'Duyệt' }).count()).resolves.toBe(alternate ? 0 : 1);
      await expect(row.getByRole('button', { name: 'Từ chối' }).count()).resolves.toBe(alternate ? 0 : 1);
    }
    await expect(accessibilityProblems(page)).resolves.toEqual([]);

    // The first choices are approved and hired (through the API).
    const listed = (await admin.get(`/matches?runId=${runId}&limit=100`)).body.items as { id: string; seekerId: string; rank: number }[];
    const firstChoices = listed.sort((a, b) => a.rank - b.rank);
    expect(firstChoices.map((m) => m.seekerId)).toEqual(seekers.slice(0, SEATS));
    for (const m of firstChoices) {
      expect((await admin.post(`/matches/${m.id}/approve`)).status).toBe(200);
      expect((await admin.post('/placements', { matchId: m.id })).status).toBe(201);
    }

    // The best worker fails the medical check: the cancel asks why, and says an alternate moved up.
    await page.goto(`${serviceUrl('gateway')}/#/placements`);
    const placements = page.getByRole('region', { name: 'Tuyển dụng', exact: true });
    const placement = await rowWith(placements, people[0]);
    const reason = placement.getByLabel('Lý do huỷ');
    await expect(reason.isHidden()).resolves.toBe(true);
    await placement.getByLabel('Trạng thái mới').selectOption('cancelled');
    await reason.waitFor();
    await expect(reason.locator('option').allTextContents()).resolves.toEqual([
      'chọn…',
      'Không đạt khám sức khỏe',
      'Không được cấp thị thực',
      'Người lao động rút lui',
      'Lý do khác',
    ]);
    await placement.getByRole('button', { name: 'Lưu' }).click();
    await placement.getByRole('alert').getByText('Lý do huỷ: hãy chọn một lý do.').waitFor();
    expect((await admin.get(`/placements/${firstChoices[0].id}`)).body.status).toBe('hired');
    await reason.selectOption('medical');
    await placement.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('status').getByText('Đã lưu trạng thái: đã huỷ. Đã đôn ứng viên dự bị lên.').waitFor();
    const cancelled = await rowWith(placements, people[0]);
    await cancelled.getByText('Lý do huỷ: Không đạt khám sức khỏe').waitFor();
    await expect(cancelled.locator('[data-promotion]').allTextContents()).resolves.toEqual(['Đã đôn ứng viên dự bị lên']);
    const placementNow = (await admin.get(`/placements/${firstChoices[0].id}`)).body;
    expect(placementNow).toMatchObject({ status: 'cancelled', cancelReason: 'medical', promotion: 'done' });
    await expect(accessibilityProblems(page)).resolves.toEqual([]);

    // The review queue: the best alternate moved up, with why, to be reviewed now.
    await page.goto(`${serviceUrl('gateway')}/#/matching/runs/${runId}`);
    const queue = page.getByRole('table', { name: 'Kết quả ghép' }).locator('tbody tr');
    await eventually(async () => expect(await queue.locator('td:nth-child(3)').allTextContents()).toEqual(['1', '2', '3']));
    const promoted = queue.filter({ hasText: people[SEATS] });
    expect((await admin.get(`/matches/${placementNow.promotedMatchId}`)).body.seekerId).toBe(seekers[SEATS]);
    await promoted.getByText('Được đôn lên thay người không đạt (khám sức khỏe)', { exact: true }).waitFor();
    await expect(promoted.locator('[data-status]').first().getAttribute('data-status')).resolves.toBe('proposed');
    await expect(promoted.getByRole('button', { name: 'Duyệt' }).count()).resolves.toBe(1);

    // What if 2 candidates per seat: the alternates side by side; recomputed, the same lists.
    const whatIf = page.getByRole('form', { name: 'Nếu thay đổi thì sao?' });
    await expect(whatIf.getByLabel('Số ứng viên mỗi chỗ').inputValue()).resolves.toBe(String(RATIO));
    await whatIf.getByLabel('Số ứng viên mỗi chỗ').fill('2');
    const tried = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/api/matching/runs/${runId}/what-if`));
    await whatIf.getByRole('button', { name: 'Thử' }).click();
    expect(JSON.parse((await tried).postData() ?? '{}')).toMatchObject({ shortlistRatio: 2 });
    const answer = page.getByTestId('what-if-answer');
    await answer.waitFor();
    const expected = (await admin.post(`/matching/runs/${runId}/what-if`, { shortlistRatio: 2 })).body;
    expect([expected.current.alternates, expected.whatIf.alternates]).toEqual([SEATS * (RATIO - 1), SEATS]);
    const figures = answer.getByRole('table', { name: 'Lần chạy và phương án thử, đặt cạnh nhau' });
    const figureRow = (label: string) => figures.getByRole('row').filter({ hasText: label }).getByRole('cell').allTextContents();
    await expect(figureRow('Số ứng viên mỗi chỗ')).resolves.toEqual([expect.any(String), String(RATIO), '2']);
    await expect(figureRow('Ứng viên dự bị')).resolves.toEqual([
      expect.any(String),
      String(expected.current.alternates),
      String(expected.whatIf.alternates),
    ]);

    const recompute = page.getByRole('form', { name: 'Tính lại lần chạy' });
    await recompute.getByRole('button', { name: 'Tính lại' }).click();
    const recomputed = page.getByTestId('recompute-answer');
    await recomputed.waitFor();
    await expect(recomputed.getAttribute('data-same')).resolves.toBe('true');
    const alternates = SEATS * (RATIO - 1);
    await recomputed.getByText(`Ứng viên dự bị: ${alternates} theo bản ghi, ${alternates} khi tính lại.`).waitFor();

    await expect(accessibilityProblems(page)).resolves.toEqual([]);
  }, 300000);
});
