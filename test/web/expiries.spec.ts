import { asAdmin, asNewUser, uniqueName } from '@jobfair/testing';
import { fairWith, postOpening, registerSeeker } from '../matcher/fair-fixture';
import { registerEmployer } from '../matcher/hiring-scenario';
import { WebBrowser, accessibilityProblems, SIGN_IN_WORDS, launchBrowser, signIn } from './browser';

const DAY_MS = 86400000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

/** The expiry list in the console, in Vietnamese: a fair's worker whose medical check runs out in 20 days. */
describe('the console list of expiring documents', () => {
  let web: WebBrowser;

  beforeAll(async () => {
    web = await launchBrowser();
  });

  afterAll(async () => {
    await web?.close();
  });

  it("lists, for staff, a fair's worker whose medical check runs out within 30 days", async () => {
    const [admin, staff] = await Promise.all([asAdmin(), asNewUser('staff')]);
    const employerId = await registerEmployer(admin, 'KR');
    const opening = await postOpening(admin, employerId, { startDate: day(60) });
    const fullName = uniqueName('Trần Thị Hoa');
    const runsOut = day(20);
    const seekerId = await registerSeeker(staff, {
      fullName,
      topik: 170,
      medicalCheck: { checkedAt: `${Number(runsOut.slice(0, 4)) - 1}${runsOut.slice(4)}`, result: 'fit' },
    });
    const fairId = await fairWith(staff, [{ employerId, openingIds: [opening] }], [seekerId]);
    const fairName = (await staff.get(`/fairs/${fairId}`)).body.name;

    const username = uniqueName('staff');
    expect((await admin.post('/users', { username, password: 'staff-password', role: 'staff' })).status).toBe(201);
    const page = await signIn(web.context, { username, password: 'staff-password' }, SIGN_IN_WORDS.vi);
    await page.getByRole('link', { name: 'Sắp hết hạn', exact: true }).click();
    await page.getByRole('heading', { name: 'Giấy tờ sắp hết hạn' }).waitFor();
    const filters = page.getByRole('form', { name: 'Lọc danh sách' });
    await filters.getByLabel('Phiên giao dịch').selectOption({ label: fairName });
    await filters.getByLabel('Chương trình').selectOption('eps');
    await filters.getByRole('button', { name: 'Xem' }).click();
    const row = page.getByRole('row').filter({ hasText: fullName });
    await row.waitFor();
    await expect(row.getByRole('cell').nth(2).textContent()).resolves.toBe('giấy khám sức khỏe');
    await expect(row.getByRole('cell').nth(5).textContent()).resolves.toBe('20');
    await expect(accessibilityProblems(page)).resolves.toEqual([]);
    await page.close();
  });
});
