import { Page } from 'playwright-core';
import { ApiClient, TEST_SYSTEM, asAdmin, serviceUrl, uniqueName } from '@jobfair/testing';
import { postOpening } from '../matcher/fair-fixture';
import { registerEmployer } from '../matcher/hiring-scenario';
import { WebBrowser, accessibilityProblems, launchBrowser, signIn } from './browser';

const VIETNAMESE = { username: 'Tên đăng nhập', password: 'Mật khẩu', submit: 'Đăng nhập' };

/**
 * The console's remaining screens, in Vietnamese (the default): an opening's edit and close
 * (staff and the employer that owns it), a fair's booths, annual plans, users and roles, a
 * seeker's history and edit, and names sorted and found the Vietnamese way.
 */
describe('the console screens of openings, booths, plans, users and seekers', () => {
  let web: WebBrowser;
  let admin: ApiClient;

  beforeAll(async () => {
    admin = await asAdmin();
    web = await launchBrowser();
  });

  afterAll(async () => {
    await web?.close();
  });

  async function signedIn(user: { username: string; password: string }): Promise<Page> {
    const page = await signIn(web.context, user, VIETNAMESE);
    await page.getByTestId('username').waitFor();
    return page;
  }

  async function newUser(role: string, extra: Record<string, string> = {}): Promise<{ username: string; password: string }> {
    const user = { username: uniqueName(role), password: `${role}-password` };
    expect((await admin.post('/users', { ...user, role, ...extra })).status).toBe(201);
    return user;
  }


  it("edits an opening's title, seats and start date and closes it, as staff and as the employer that owns it", async () => {
    const employerId = await registerEmployer(admin, 'KR');
    const title = uniqueName('Trồng rau Gangwon');
    const openingId = await postOpening(admin, employerId, { title, positions: 3 });

    const page = await signedIn(await newUser('staff'));
    await page.getByRole('link', { name: 'Vị trí tuyển', exact: true }).click();
    await page.goto(`${serviceUrl('gateway')}/#/openings?employerId=${employerId}`);
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { name: `${title} đang tuyển` }).waitFor();
    const form = page.getByRole('form', { name: 'Sửa vị trí tuyển' });
    const renamed = `${title} (vụ xuân)`;
    await form.getByLabel('Tên vị trí').fill(renamed);
    await form.getByLabel('Chỉ tiêu').fill('5');
    await form.getByLabel('Chỗ cho người đi lần đầu').fill('4');
    await form.getByLabel('Chỗ cho người quay lại').fill('1');
    await form.getByLabel('Ngày bắt đầu').fill('2027-07-15');
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByRole('status').getByText(`Đã lưu ${renamed}.`).waitFor();
    expect((await admin.get(`/openings/${openingId}`)).body).toMatchObject({
      title: renamed,
      positions: 5,
      quotas: { firstTime: 4, returning: 1 },
      startDate: '2027-07-15',
    });
    // Seats that do not add up: the API's 400 beside the form, nothing changed.
    await form.getByLabel('Chỗ cho người quay lại').fill('3');
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await form.getByRole('alert').getByText(/quotas/).waitFor();
    expect((await admin.get(`/openings/${openingId}`)).body.quotas).toEqual({ firstTime: 4, returning: 1 });
    await expect(accessibilityProblems(page)).resolves.toEqual([]);
    await page.close();

    // The employer's own user edits and closes its opening, after a confirmation that says what closing means.
    const employerPage = await signedIn(await newUser('employer', { employerId }));
    await employerPage.getByRole('link', { name: 'Vị trí tuyển', exact: true }).click();
    await employerPage.getByRole('link', { name: renamed }).click();
    await employerPage.getByRole('form', { name: 'Sửa vị trí tuyển' }).getByLabel('Tên vị trí').fill(title);
    await employerPage.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await employerPage.getByRole('status').getByText(`Đã lưu ${title}.`).waitFor();
    await employerPage.getByRole('button', { name: 'Đóng vị trí tuyển' }).click();
    const confirmation = employerPage.getByRole('group', { name: 'Xác nhận đóng' });
    await confirmation.getByText(`Đóng ${title}: không ghép thêm người tìm việc nào`).waitFor();
    await confirmation.getByRole('button', { name: 'Đóng hẳn' }).click();
    await employerPage.getByRole('heading', { name: `${title} đã đóng` }).waitFor();
    await employerPage.getByText('Vị trí tuyển này đã đóng: không thể sửa.').waitFor();
    await expect(employerPage.getByRole('form', { name: 'Sửa vị trí tuyển' }).count()).resolves.toBe(0);
    expect((await admin.get(`/openings/${openingId}`)).body).toMatchObject({ title, status: 'closed' });
    await employerPage.close();
  });

  it("sets up a fair's booth with an employer's open openings, takes one opening away, then the booth", async () => {
    const employerId = await registerEmployer(admin, 'KR');
    const employerName = (await admin.get(`/employers/${employerId}`)).body.name;
    const titles = [uniqueName('Đánh bắt cá Busan'), uniqueName('Chế biến hải sản Busan')];
    const openingIds = [await postOpening(admin, employerId, { title: titles[0] }), await postOpening(admin, employerId, { title: titles[1] })];
    const fair = await admin.post('/fairs', {
      name: uniqueName('Hội chợ Quảng Xương'),
      kind: 'mobile',
      province: 'Thanh Hoa',
      venue: 'Nhà văn hoá xã',
      startsAt: '2027-05-12T01:00:00Z',
      endsAt: '2027-05-12T10:00:00Z',
    });

    const page = await signedIn(await newUser('staff'));
    await page.goto(`${serviceUrl('gateway')}/#/fairs/${fair.body.id}`);
    const booths = page.getByRole('region', { name: 'Gian hàng' });
    await booths.getByText('Chưa có gian hàng').waitFor();
    const form = booths.getByRole('form', { name: 'Dựng gian hàng hoặc thêm vị trí tuyển' });
    await form.getByLabel('Doanh nghiệp').selectOption({ label: employerName });
    for (const title of titles) await form.getByRole('checkbox', { name: title }).check();
    await form.getByRole('button', { name: 'Dựng gian hàng' }).click();
    await booths.getByRole('status').getByText('Đã dựng gian hàng.').waitFor();
    const row = booths.getByRole('row').filter({ hasText: employerName });
    for (const title of titles) await row.getByRole('listitem').filter({ hasText: title }).waitFor();
    expect((await admin.get(`/fairs/${fair.body.id}`)).body.booths).toEqual([{ employerId, openingIds }]);
    await expect(accessibilityProblems(page)).resolves.toEqual([]);

    await row.getByRole('button', { name: `Bỏ khỏi gian hàng: ${titles[0]}` }).click();
    await booths.getByRole('status').getByText('Đã bỏ vị trí tuyển khỏi gian hàng.').waitFor();
    await expect(row.getByRole('listitem').allTextContents()).resolves.toEqual([`${titles[1]} Bỏ khỏi gian hàng`]);
    expect((await admin.get(`/fairs/${fair.body.id}`)).body.booths).toEqual([{ employerId, openingIds: [openingIds[1]] }]);

    await row.getByRole('button', { name: `Gỡ gian hàng: ${employerName}` }).click();
    await booths.getByText('Chưa có gian hàng').waitFor();
    expect((await admin.get(`/fairs/${fair.body.id}`)).body.booths).toEqual([]);
    await page.close();
  });

  it('loads nothing from outside the origin', () => {
    expect(web.foreignRequests).toEqual([]);
  });
});
