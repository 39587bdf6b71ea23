import { readFileSync } from 'fs';
import { join } from 'path';
import { Page } from 'playwright-core';
import { TEST_SYSTEM, serviceUrl, uniqueName } from '@jobfair/testing';
import { EPS_140, completedRun, fairWith, postOpening, registerSeeker } from '../matcher/fair-fixture';
import { registerEmployer } from '../matcher/hiring-scenario';
import { accessibilityProblems, browserAndAdmin, SIGN_IN_WORDS, signIn } from './browser';

const VI: Record<string, string> = JSON.parse(readFileSync(join(__dirname, '../../apps/gateway/src/web/public/i18n/vi.json'), 'utf8'));

/**
 * A completed run's what-if and recomputation in the console, in Vietnamese: an opening taken
 * out shows who changes outcome, by name, as the API answers it; the run recomputes the same,
 * and one seeker's outcome that day is told in words.
 */
describe("a run's what-if and recomputation in the console", () => {
  const opened = browserAndAdmin();
  let page: Page;

  afterAll(async () => {
    await page?.close();
  });

  it('tries an opening taken out beside the run, names who changes outcome, recomputes the same', async () => {
    const { admin, web } = opened;
    const [employerA, employerB] = await Promise.all([registerEmployer(admin, 'KR'), registerEmployer(admin, 'KR')]);
    const farm = uniqueName('Trang trại Gangwon');
    const a1 = await postOpening(admin, employerA, { title: farm, positions: 2, ...EPS_140 });
    const b1 = await postOpening(admin, employerB, { title: uniqueName('Nhà máy Incheon'), sector: 'manufacturing' });
    const people = {
      poor: uniqueName('Lò Thị Mai'),
      strong: uniqueName('Đỗ Văn Hùng'),
      plain: uniqueName('Nguyễn Thị Lan'),
      weak: uniqueName('Bùi Văn Tâm'),
    };
    const ids = {
      poor: await registerSeeker(admin, { topik: 150, householdStatus: 'poor', fullName: people.poor }),
      strong: await registerSeeker(admin, { topik: 190, fullName: people.strong }),
      plain: await registerSeeker(admin, { topik: 166, fullName: people.plain }),
      weak: await registerSeeker(admin, { topik: 118, fullName: people.weak }),
    };
    const nameOf = new Map(Object.entries(ids).map(([key, id]) => [id, people[key as keyof typeof people]]));
    const fairId = await fairWith(
      admin,
      [
        { employerId: employerA, openingIds: [a1] },
        { employerId: employerB, openingIds: [b1] },
      ],
      Object.values(ids),
    );
    const run = await completedRun(admin, fairId, 'optimal', { seekers: 4, openings: 2 });

    page = await signIn(web.context, { username: TEST_SYSTEM.adminUsername, password: TEST_SYSTEM.adminPassword }, SIGN_IN_WORDS.vi);
    await page.getByTestId('username').waitFor();
    await page.goto(`${serviceUrl('gateway')}/#/matching/runs/${run.id}`);

    // What if the farm took nobody: side by side with the run, nothing stored.
    const whatIf = page.getByRole('form', { name: 'Nếu thay đổi thì sao?' });
    await whatIf.getByLabel('Trọng số ưu tiên hộ gia đình').fill('20');
    await whatIf.getByLabel('Vị trí tuyển dụng').selectOption({ label: farm });
    await whatIf.getByLabel('Tổng số chỉ tiêu của vị trí').fill('0');
    await whatIf.getByRole('button', { name: 'Thử' }).click();
    const answer = page.getByTestId('what-if-answer');
    await answer.waitFor();
    const expected = (
      await admin.post(`/matching/runs/${run.id}/what-if`, { weights: { household: 20 }, openings: [{ openingId: a1, positions: 0 }] })
    ).body;
    expect(expected.changed).toBeGreaterThan(0);
    await expect(answer.getByText('Chỉ để thử: không lưu gì').count()).resolves.toBe(1);

    const figures = answer.getByRole('table', { name: 'Lần chạy và phương án thử, đặt cạnh nhau' });
    const figureRow = async (label: string | RegExp) =>
      figures.getByRole('row').filter({ hasText: label }).getByRole('cell').allTextContents();
    await expect(figureRow(/^Đã ghép/)).resolves.toEqual([
      expect.any(String),
      String(expected.current.matched),
      String(expected.whatIf.matched),
    ]);
    const priority = (side: any) => `${side.priorityHouseholds.matched} / ${side.priorityHouseholds.seekers}`;
    await expect(figureRow('Hộ ưu tiên được ghép')).resolves.toEqual([
      expect.any(String),
      priority(expected.current),
      priority(expected.whatIf),
    ]);
    await expect(figureRow('Hàn Quốc')).resolves.toEqual([
      expect.any(String),
      `${expected.current.markets[0].matched} / ${expected.current.markets[0].seats}`,
      `${expected.whatIf.markets[0].matched} / ${expected.whatIf.markets[0].seats}`,
    ]);

    // The seekers who change outcome, by name, each with the opening on either side (or none), as the API answered.
    const changed = answer.getByRole('table', { name: 'Người tìm việc có kết quả thay đổi' });
    await expect(answer.getByText(`${expected.changed} người tìm việc sẽ có kết quả khác.`).count()).resolves.toBe(1);
    const rows = changed.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(expected.changes.length);
    await expect(rows.locator('td:first-child').allTextContents()).resolves.toEqual(
      expect.arrayContaining(expected.changes.map((c: any) => nameOf.get(c.seekerId))),
    );
    const openingIds = async (cell: number) =>
      await rows
        .locator(`td:nth-child(${cell})`)
        .evaluateAll((cells) => cells.map((td) => td.querySelector('.name')?.getAttribute('data-id') ?? null));
    const byRow = await rows.locator('td:first-child .name').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-id')));
    const change = (seekerId: string | null) => expected.changes.find((c: any) => c.seekerId === seekerId);
    expect(await openingIds(3)).toEqual(byRow.map((id) => change(id).current?.openingId ?? null));
    expect(await openingIds(4)).toEqual(byRow.map((id) => change(id).whatIf?.openingId ?? null));
    const poorRow = expected.changes.find((c: any) => c.seekerId === ids.poor);
    if (poorRow) await expect(rows.filter({ hasText: people.poor }).getByRole('cell').nth(1).textContent()).resolves.toBe('có');
    // Nothing was stored: the run's matches are as they were.
    expect((await admin.get(`/matching/runs?fairId=${fairId}`)).body.items).toHaveLength(1);

    // Recompute: the same, and why the weak seeker was or was not matched that day.
    const recompute = page.getByRole('form', { name: 'Tính lại lần chạy' });
    await recompute.getByLabel('Giải thích cho một người').selectOption({ label: people.weak });
    await recompute.getByRole('button', { name: 'Tính lại' }).click();
    const recomputed = page.getByTestId('recompute-answer');
    await recomputed.waitFor();
    await expect(recomputed.getAttribute('data-same')).resolves.toBe('true');
    await expect(recomputed.getByText(`Tính lại cho kết quả giống hệt: ${run.summary.matched} người được ghép`).count()).resolves.toBe(1);
    const weak = (await admin.post(`/matching/runs/${run.id}/recompute`, { seekerId: ids.weak })).body.seeker;
    if (weak.match) await expect(recomputed.getByText('được ghép hôm đó').count()).resolves.toBe(1);
    else {
      await expect(recomputed.getByText('không được ghép hôm đó, vì:').count()).resolves.toBe(1);
      const words = VI[`reason.${weak.reasons[0].code}`];
      expect(words).toBeDefined();
      await expect(recomputed.locator('ul.reasons li').first().textContent()).resolves.toContain(words);
    }

    await expect(accessibilityProblems(page)).resolves.toEqual([]);
  }, 180000);
});
