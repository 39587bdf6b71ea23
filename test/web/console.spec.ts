import { Page } from 'playwright-core';
import { ApiClient, TEST_SYSTEM, asAdmin, eventually, serviceUrl, uniqueName, uniqueNationalId } from '@jobfair/testing';
import { fairWith, postOpening, registerSeeker } from '../matcher/fair-fixture';
import { registerEmployer } from '../matcher/hiring-scenario';
import { WebBrowser, SIGN_IN_WORDS, launchBrowser, signIn } from './browser';

const VIETNAMESE = SIGN_IN_WORDS.vi;

/**
 * The centre's console as a Vietnamese centre uses it: Vietnamese words by default, English
 * on a switch remembered per user, seekers found by name with or without diacritics, and
 * the check-in desk worked from the keyboard alone.
 */
describe('the console in Vietnamese', () => {
  let web: WebBrowser;
  let admin: ApiClient;

  beforeAll(async () => {
    admin = await asAdmin();
    web = await launchBrowser();
  });

  afterAll(async () => {
    await web?.close();
  });

  async function newStaff(): Promise<{ username: string; password: string }> {
    const user = { username: uniqueName('staff'), password: 'staff-password' };
    expect((await admin.post('/users', { ...user, role: 'staff' })).status).toBe(201);
    return user;
  }

  async function asStaff(): Promise<Page> {
    const page = await signIn(web.context, await newStaff(), VIETNAMESE);
    await page.getByTestId('username').waitFor();
    return page;
  }

  it('speaks Vietnamese by default, with times in Vietnam; English is a switch each user keeps', async () => {
    const fair = await admin.post('/fairs', {
      name: uniqueName('Hội chợ Đông Sơn'),
      kind: 'mobile',
      province: 'Thanh Hoa',
      venue: 'Nhà văn hoá xã',
      startsAt: '2027-03-12T01:00:00Z',
      endsAt: '2027-03-12T10:00:00Z',
    });
    expect(fair.status).toBe(201);
    const user = await newStaff();
    const page = await signIn(web.context, user, VIETNAMESE);
    await page.getByRole('heading', { name: 'Hội chợ việc làm', exact: true }).waitFor();
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe('vi');
    await expect(page.getByRole('navigation').getByRole('link').allTextContents()).resolves.toEqual([
      'Hội chợ',
      'Người tìm việc',
      'Hồ sơ trùng',
      'Ghép nối',
      'Tuyển dụng',
      'Báo cáo',
      'Kế hoạch',
      'Sắp hết hạn',
      'Doanh nghiệp',
      'Vị trí tuyển',
    ]);
    // 01:00 UTC is 08:00 at the centre, whatever the browser's clock says; the kind and status in words.
    const row = page.getByRole('row').filter({ hasText: fair.body.name });
    await expect(row.getByRole('cell').allTextContents()).resolves.toEqual([
      fair.body.name,
      'lưu động',
      'Nhà văn hoá xã, Thanh Hoa',
      '08:00 12/03/2027',
      '17:00 12/03/2027',
      'đã lên lịch',
    ]);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Fairs', exact: true }).waitFor();
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Fairs', exact: true }).waitFor();

    // Signed out, the next person gets the device's language; this user's own choice comes back at sign-in.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.getByLabel(VIETNAMESE.username).fill(user.username);
    await page.getByLabel(VIETNAMESE.password).fill(user.password);
    await page.getByRole('button', { name: VIETNAMESE.submit, exact: true }).click();
    await page.getByRole('heading', { name: 'Fairs', exact: true }).waitFor();
    await page.close();
  });

  it('registers a seeker with consent asked per purpose, and finds them with or without diacritics or by national ID', async () => {
    const page = await asStaff();
    await page.getByRole('link', { name: 'Người tìm việc' }).click();
    await page.getByRole('link', { name: 'Đăng ký người tìm việc' }).click();
    const tag = uniqueName('x').slice(2);
    const fullName = `Nguyễn Văn An ${tag}`;
    const nationalId = uniqueNationalId();
    await page.getByLabel('Số CCCD').fill(nationalId);
    await page.getByLabel('Họ và tên').fill(fullName);
    await page.getByLabel('Ngày sinh').fill('1998-04-21');
    await page.getByLabel('Giới tính').selectOption('male');
    await page.getByLabel('Tỉnh', { exact: true }).fill('Thanh Hoá');
    await page.getByRole('checkbox', { name: 'nước ngoài' }).check();
    await page.getByLabel('Hoàn cảnh hộ gia đình').selectOption('near-poor');
    const consents = page.getByRole('group', { name: 'Đồng ý theo từng mục đích' }).getByRole('checkbox');
    await expect(consents.count()).resolves.toBe(4);
    for (const box of await consents.all()) await expect(box.isChecked()).resolves.toBe(false);
    await page.getByRole('checkbox', { name: 'ghép nối với vị trí tuyển' }).check();
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page.getByRole('heading', { name: fullName }).waitFor();
    await page.getByText('hộ cận nghèo').waitFor();
    const [stored] = (await admin.get(`/seekers?nationalId=${nationalId}`)).body.items;
    expect(Object.fromEntries(stored.consents.map((c: { purpose: string; granted: boolean }) => [c.purpose, c.granted]))).toEqual({
      matching: true,
      'share-with-employers': false,
      contact: false,
      'follow-up-abroad': false,
    });

    for (const typed of [`nguyen van an ${tag}`, `Nguyễn Văn An ${tag}`, `VAN AN ${tag}`, nationalId]) {
      await page.goto(`${serviceUrl('gateway')}/#/seekers`);
      await page.getByLabel('Họ tên hoặc số CCCD').fill(typed);
      await page.getByLabel('Họ tên hoặc số CCCD').press('Enter');
      await page.getByRole('link', { name: fullName }).waitFor();
    }
    await page.getByRole('link', { name: fullName }).click();
    await page.getByRole('heading', { name: fullName }).waitFor();
    await page.close();
  });

  it('lets the admin erase a seeker after a confirmation that says what goes; staff are not offered it', async () => {
    const fullName = uniqueName('Trần Thị Mai');
    const seekerId = await registerSeeker(admin, { fullName });
    const staffPage = await asStaff();
    await staffPage.goto(`${serviceUrl('gateway')}/#/seekers/${seekerId}`);
    await staffPage.getByRole('heading', { name: fullName }).waitFor();
    await expect(staffPage.getByRole('button', { name: 'Xoá dữ liệu cá nhân theo yêu cầu' }).count()).resolves.toBe(0);
    await staffPage.close();

    const page = await signIn(web.context, { username: TEST_SYSTEM.adminUsername, password: TEST_SYSTEM.adminPassword }, VIETNAMESE);
    await page.getByTestId('username').waitFor();
    await page.goto(`${serviceUrl('gateway')}/#/seekers/${seekerId}`);
    await page.getByRole('button', { name: 'Xoá dữ liệu cá nhân theo yêu cầu' }).click();
    const confirmation = page.getByRole('group', { name: 'Xác nhận xoá' });
    await confirmation.getByText(`Xoá vĩnh viễn dữ liệu cá nhân của ${fullName}: họ tên, số CCCD`).waitFor();
    await confirmation.getByRole('button', { name: 'Xoá vĩnh viễn' }).click();
    await page.getByRole('heading', { name: 'Người tìm việc', exact: true }).waitFor();
    expect((await admin.get(`/seekers/${seekerId}`)).status).toBe(404);
    await page.close();
  });

  it('checks people in at the desk from the keyboard, shows their best openings with the reasons in words, and registers a walk-in', async () => {
    const nationalId = uniqueNationalId();
    const fullName = uniqueName('Lê Thị Hoa');
    await registerSeeker(admin, { topik: 175, nationalId, fullName });
    const employerId = await registerEmployer(admin, 'KR');
    const title = uniqueName('Thu hoạch nông trại Cheorwon');
    const openingId = await postOpening(admin, employerId, { title });
    const fairId = await fairWith(admin, [{ employerId, openingIds: [openingId] }], []);

    const page = await asStaff();
    await page.goto(`${serviceUrl('gateway')}/#/fairs/${fairId}/desk`);
    const desk = page.getByLabel('Số CCCD (gõ hoặc quét)');
    await desk.waitFor();
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('desk-id');
    await page.keyboard.type(nationalId);
    // The fairs service learns of the seeker from Kafka: until then the ID is unknown and Enter tries again.
    await eventually(async () => {
      await page.keyboard.press('Enter');
      await page.getByRole('status').getByText(`Đã check-in: ${fullName} lúc`).waitFor({ timeout: 1000 });
    });
    const recommendation = page.getByRole('row').filter({ has: page.getByRole('cell', { name: title }) });
    await recommendation.waitFor();
    await expect(recommendation.getByRole('cell').nth(2).textContent()).resolves.toBe('nông nghiệp');
    await expect(recommendation.getByRole('listitem').first().textContent()).resolves.toMatch(/^[\p{L} ]+ \(\d+(,\d)? điểm\)$/u);
    await expect(desk.inputValue()).resolves.toBe('');
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('desk-id');

    // The next person in the queue is not registered yet: registered and checked in at once, from the desk.
    const stranger = uniqueNationalId();
    const strangerName = uniqueName('Hà Văn Nam');
    await page.keyboard.type(stranger);
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText(`Chưa có người tìm việc nào có số CCCD ${stranger}`).waitFor();
    const walkIn = page.getByRole('form', { name: 'Người đến trực tiếp: đăng ký và check-in' });
    await expect(walkIn.getByLabel('Số CCCD').inputValue()).resolves.toBe(stranger);
    await expect(page.evaluate('document.activeElement?.name')).resolves.toBe('fullName');
    await page.keyboard.type(strangerName);
    await walkIn.getByLabel('Ngày sinh').fill('2001-09-02');
    await walkIn.getByLabel('Giới tính').selectOption('male');
    await walkIn.getByLabel('Tỉnh', { exact: true }).fill('Thanh Hoá');
    await walkIn.getByLabel('Hoàn cảnh hộ gia đình').selectOption('none');
    await walkIn.getByRole('checkbox', { name: 'ghép nối với vị trí tuyển' }).check();
    await walkIn.getByLabel('Họ và tên').press('Enter');
    await page.getByRole('status').getByText(`Đã check-in: ${strangerName} lúc`).waitFor({ timeout: 20000 });
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('desk-id');
    expect((await admin.get(`/fairs/${fairId}/stats`)).body).toMatchObject({ checkIns: 2, walkIns: 1 });
    await page.close();
  });

  it('keeps check-ins taken offline through a reload and uploads each once when the network is back', async () => {
    const nationalIds = [uniqueNationalId(), uniqueNationalId(), uniqueNationalId()];
    const seekerIds = await Promise.all(nationalIds.map((nationalId) => registerSeeker(admin, { nationalId })));
    // A first fair where they check in through the API: after it, the fairs service knows all three.
    await fairWith(admin, [], seekerIds);
    const fairId = await fairWith(admin, [], []);

    const page = await asStaff();
    await page.goto(`${serviceUrl('gateway')}/#/fairs/${fairId}/desk`);
    // Once the service worker holds the page, a reload keeps the console's files for later.
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.reload();
    await page.getByLabel('Số CCCD (gõ hoặc quét)').waitFor();

    await web.context.setOffline(true);
    for (const nationalId of nationalIds) {
      await page.keyboard.type(nationalId);
      await page.keyboard.press('Enter');
      await page.getByRole('status').getByText(`Mất mạng: đã lưu check-in ${nationalId}`).waitFor();
    }
    await expect(page.getByTestId('waiting').textContent()).resolves.toBe('3 check-in đang chờ gửi');
    await page.reload();
    await expect(page.getByTestId('waiting').textContent()).resolves.toBe('3 check-in đang chờ gửi');

    await web.context.setOffline(false);
    await page.getByTestId('waiting').waitFor({ state: 'hidden' });
    await eventually(async () => expect((await admin.get(`/fairs/${fairId}/stats`)).body.checkIns).toBe(3));
    // Stored once each: a reload (which uploads whatever still waits) sends nothing again.
    await page.reload();
    await page.getByLabel('Số CCCD (gõ hoặc quét)').waitFor();
    await expect(page.evaluate("localStorage.getItem('jobfair.offlineCheckIns')")).resolves.toBe('[]');
    expect((await admin.get(`/fairs/${fairId}/stats`)).body.checkIns).toBe(3);
    await page.close();
  });

  it('loads nothing from outside the origin', () => {
    expect(web.foreignRequests).toEqual([]);
  });
});
