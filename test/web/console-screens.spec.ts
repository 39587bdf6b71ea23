import { Page } from 'playwright-core';
import { ApiClient, TEST_SYSTEM, asAdmin, gateway, serviceUrl, uniqueName, uniqueNationalId } from '@jobfair/testing';
import { completedRun, fairWith, postOpening, registerSeeker } from '../matcher/fair-fixture';
import { registerEmployer } from '../matcher/hiring-scenario';
import { WebBrowser, accessibilityProblems, chartData, SIGN_IN_WORDS, launchBrowser, signIn } from './browser';

const VIETNAMESE = SIGN_IN_WORDS.vi;

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

  const asAdministrator = () => signedIn({ username: TEST_SYSTEM.adminUsername, password: TEST_SYSTEM.adminPassword });

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
    await form.getByLabel('Chỉ tiêu', { exact: true }).fill('5');
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
    // The API's problem in Vietnamese words, the field by its name.
    await form
      .getByRole('alert')
      .getByText('Chỗ theo nhóm: 4 chỗ cho người đi lần đầu và 3 chỗ cho người quay lại phải cộng lại bằng chỉ tiêu (5)', { exact: true })
      .waitFor();
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
    const openingIds = [
      await postOpening(admin, employerId, { title: titles[0] }),
      await postOpening(admin, employerId, { title: titles[1] }),
    ];
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
    // In the order ticked, which is the titles' Vietnamese order.
    expect((await admin.get(`/fairs/${fair.body.id}`)).body.booths).toEqual([{ employerId, openingIds: [openingIds[1], openingIds[0]] }]);
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

  it('shows the annual plans to staff and lets the admin add a plan and change its target', async () => {
    const centre = uniqueName('Trung tâm Dịch vụ việc làm Thanh Hoá');
    const page = await asAdministrator();
    await page.getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await page.getByRole('heading', { name: `Kế hoạch năm ${new Date().getFullYear()}` }).waitFor();
    await page.getByLabel('Năm', { exact: true }).first().fill('2031');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    await page.getByRole('heading', { name: 'Kế hoạch năm 2031' }).waitFor();
    const add = page.getByRole('form', { name: 'Thêm kế hoạch' });
    await add.getByLabel('Trung tâm').fill(centre);
    await add.getByLabel('Thị trường (mã nước ISO, VN = trong nước)').fill('jp');
    await add.getByLabel('Chỉ tiêu', { exact: true }).fill('40');
    await add.getByRole('button', { name: 'Lưu kế hoạch' }).click();
    await page.getByRole('status').getByText(`Đã lưu: ${centre}, Nhật Bản, chỉ tiêu 40.`).waitFor();
    const row = page.getByRole('row').filter({ hasText: centre });
    await expect(row.getByRole('cell').nth(1).textContent()).resolves.toBe('Nhật Bản');
    const target = row.getByRole('form', { name: `Chỉ tiêu của ${centre} tại Nhật Bản` });
    await target.getByLabel('Chỉ tiêu', { exact: true }).fill('55');
    await target.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('status').getByText(`Đã lưu: ${centre}, Nhật Bản, chỉ tiêu 55.`).waitFor();
    const plans = (await admin.get(`/plans?year=2031&centre=${encodeURIComponent(centre)}`)).body.items;
    expect(plans).toEqual([{ id: expect.any(String), centre, year: 2031, market: 'JP', target: 55 }]);
    await expect(accessibilityProblems(page)).resolves.toEqual([]);
    await page.close();

    const staffPage = await signedIn(await newUser('staff'));
    await staffPage.goto(`${serviceUrl('gateway')}/#/plans?year=2031`);
    const staffRow = staffPage.getByRole('row').filter({ hasText: centre });
    await staffRow.waitFor();
    await expect(staffRow.getByRole('cell').allTextContents()).resolves.toEqual([centre, 'Nhật Bản', '55']);
    await expect(staffPage.getByRole('form', { name: 'Thêm kế hoạch' }).count()).resolves.toBe(0);
    await staffPage.close();
  });

  it('lets the admin create a user, change their role to an employer and disable them; staff have no such screen', async () => {
    const employerId = await registerEmployer(admin, 'JP');
    const employerName = (await admin.get(`/employers/${employerId}`)).body.name;
    const username = uniqueName('lan.nguyen');
    const password = 'lan-password-1';
    const page = await asAdministrator();
    await page.getByRole('link', { name: 'Người dùng', exact: true }).click();
    const create = page.getByRole('form', { name: 'Tạo người dùng' });
    await create.getByLabel('Tên đăng nhập').fill(username);
    await create.getByLabel('Mật khẩu (ít nhất 10 ký tự)').fill(password);
    await create.getByLabel('Vai trò').selectOption('staff');
    await create.getByRole('button', { name: 'Tạo người dùng' }).click();
    await page.getByRole('status').getByText(`Đã tạo ${username}.`).waitFor();

    const row = page.getByRole('row').filter({ hasText: username });
    await row.waitFor();
    await page.getByLabel('Lọc theo tên đăng nhập').fill(username);
    await expect(page.getByRole('row').count()).resolves.toBe(2); // the header and this user
    await expect(row.getByRole('cell').nth(1).textContent()).resolves.toBe('cán bộ');
    const roleForm = row.getByRole('form', { name: `Vai trò của ${username}` });
    await roleForm.getByLabel('Vai trò', { exact: true }).selectOption('employer');
    await roleForm.getByLabel('Doanh nghiệp', { exact: true }).selectOption({ label: employerName });
    await roleForm.getByRole('button', { name: 'Đổi vai trò' }).click();
    await page.getByRole('status').getByText(`${username} giờ là doanh nghiệp.`).waitFor();
    await row.getByRole('cell', { name: employerName }).waitFor();
    expect((await gateway().post('/auth/token', { username, password })).status).toBe(200);

    await row.getByRole('button', { name: `Khoá ${username}` }).click();
    await page.getByRole('status').getByText(`Đã khoá ${username}: không đăng nhập được nữa.`).waitFor();
    await expect(row.getByRole('cell').nth(3).textContent()).resolves.toBe('đã khoá');
    expect((await gateway().post('/auth/token', { username, password })).status).toBe(401);
    const refused = await signIn(web.context, { username, password }, VIETNAMESE);
    await refused.getByRole('alert').getByText('Tài khoản này đã bị khoá: hãy hỏi quản trị viên.').waitFor();
    await refused.close();
    const [user] = (await admin.get('/users?role=employer&limit=100')).body.items.filter(
      (u: { username: string }) => u.username === username,
    );
    expect(user).toEqual({ id: expect.any(String), username, role: 'employer', employerId, disabled: true });
    // The admin's own row offers no change: nobody locks the centre out by a slip.
    await page.getByLabel('Lọc theo tên đăng nhập').fill(TEST_SYSTEM.adminUsername);
    await page.getByRole('row').filter({ hasText: '(bạn)' }).waitFor();
    await expect(accessibilityProblems(page)).resolves.toEqual([]);
    await page.close();

    const staffPage = await signedIn(await newUser('staff'));
    await expect(staffPage.getByRole('navigation').getByRole('link', { name: 'Người dùng' }).count()).resolves.toBe(0);
    await staffPage.close();
  });

  it("shows a seeker's fairs, matches and placements, edits the profile, and tells the admin what an erasure keeps", async () => {
    const employerId = await registerEmployer(admin, 'KR');
    const title = uniqueName('Trồng nấm Chungcheong');
    const openingId = await postOpening(admin, employerId, { title });
    const fullName = uniqueName('Hoàng Thị Thu');
    const seekerId = await registerSeeker(admin, { topik: 180, fullName, nationalId: uniqueNationalId() });
    const fairId = await fairWith(admin, [{ employerId, openingIds: [openingId] }], [seekerId]);
    const fairName = (await admin.get(`/fairs/${fairId}`)).body.name;
    const run = await completedRun(admin, fairId, 'optimal', { seekers: 1, openings: 1 });
    const [match] = (await admin.get(`/matches?runId=${run.id}`)).body.items;
    expect((await admin.post(`/matches/${match.id}/approve`)).status).toBe(200);
    expect((await admin.post('/placements', { matchId: match.id })).status).toBe(201);

    const page = await signedIn(await newUser('staff'));
    await page.goto(`${serviceUrl('gateway')}/#/seekers/${seekerId}`);
    await page.getByRole('heading', { name: fullName }).waitFor();
    const visit = page.getByRole('row').filter({ has: page.getByRole('link', { name: fairName }) });
    await expect(visit.getByRole('cell').nth(2).textContent()).resolves.toMatch(/^\d\d:\d\d \d\d\/\d\d\/\d{4}$/);
    await expect(visit.getByRole('cell').nth(3).textContent()).resolves.toBe('không');
    await page
      .getByRole('region', { name: 'Lịch sử ghép nối', exact: true })
      .getByRole('row')
      .filter({ hasText: title })
      .getByText('đã tuyển')
      .waitFor();
    await page
      .getByRole('region', { name: 'Tuyển dụng', exact: true })
      .getByRole('row')
      .filter({ hasText: title })
      .getByText('đã tuyển')
      .waitFor();
    await expect(accessibilityProblems(page)).resolves.toEqual([]);

    await page.getByRole('link', { name: 'Sửa hồ sơ' }).click();
    const form = page.getByRole('form', { name: `Sửa hồ sơ của ${fullName}` });
    await expect(form.getByLabel('Họ và tên').inputValue()).resolves.toBe(fullName);
    await expect(form.getByRole('checkbox', { name: 'ghép nối với vị trí tuyển' }).isChecked()).resolves.toBe(true);
    await form.getByLabel('Huyện').fill('Như Xuân');
    await form.getByLabel('Điện thoại', { exact: true }).fill('+84 913 000 111');
    await form.getByRole('checkbox', { name: 'liên hệ qua điện thoại' }).check();
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await page.getByRole('heading', { name: fullName, exact: true }).waitFor();
    await form.waitFor({ state: 'detached' });
    await page.getByText('Như Xuân, Thanh Hoa').waitFor();
    const stored = (await admin.get(`/seekers/${seekerId}`)).body;
    expect(stored).toMatchObject({
      district: 'Như Xuân',
      phone: '+84 913 000 111',
      languageTests: [expect.objectContaining({ score: 180 })],
    });
    const consents = Object.fromEntries(stored.consents.map((c: { purpose: string; granted: boolean; at: string }) => [c.purpose, c]));
    expect(consents.contact.granted).toBe(true);
    // An answer that did not change keeps the time it was given.
    expect(consents.matching).toEqual({ purpose: 'matching', granted: true, at: '2026-01-05T08:00:00Z' });
    await page.close();

    const adminPage = await asAdministrator();
    await adminPage.goto(`${serviceUrl('gateway')}/#/seekers/${seekerId}`);
    await adminPage.getByRole('button', { name: 'Xoá dữ liệu cá nhân theo yêu cầu' }).click();
    await adminPage
      .getByRole('group', { name: 'Xác nhận xoá' })
      .getByText('Còn lại, không có tên hay số CCCD: 1 lần tham dự hội chợ, 1 kết quả ghép và 1 lần tuyển dụng của người này')
      .waitFor();
    await adminPage.close();

    // The fair's report draws its check-ins hour by hour from the check-ins' own times.
    const reportPage = await signedIn(await newUser('staff'));
    await reportPage.goto(`${serviceUrl('gateway')}/#/fairs/${fairId}/report`);
    const { hours } = (await admin.get(`/fairs/${fairId}/check-ins/hourly`)).body;
    expect(hours.reduce((sum: number, hour: { checkIns: number }) => sum + hour.checkIns, 0)).toBe(1);
    const chart = await chartData(reportPage, 'Số lượt check-in theo giờ');
    const hourOf = (instant: string) =>
      new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(instant));
    expect(chart.labels).toEqual(hours.map((hour: { from: string }) => hourOf(hour.from)));
    expect(chart.series['Đã check-in']).toEqual(hours.map((hour: { checkIns: number }) => hour.checkIns));
    expect(chart.inked).toBe(true);
    await reportPage.close();
  }, 120000);

  it('sorts names the Vietnamese way and finds them with or without diacritics', async () => {
    // Long enough and with letters: searched as a name, never taken for a national ID.
    const tag = `thu${uniqueName('x').slice(2)}nghiem`;
    // Registered out of order: the server answers in registration order, the screen in Vietnamese order.
    const names = [`Lê Thị Ân ${tag}`, `Đỗ Văn Dũng ${tag}`, `Lê Thị Anh ${tag}`, `Dương Văn Đức ${tag}`];
    const seekerIds: string[] = [];
    for (const fullName of names) seekerIds.push(await registerSeeker(admin, { fullName, topik: 180 }));
    const page = await signedIn(await newUser('staff'));
    await page.goto(`${serviceUrl('gateway')}/#/seekers?q=${tag}`);
    await page.getByRole('link', { name: names[3] }).waitFor();
    const shown = await page.getByRole('row').locator('td:first-child').allTextContents();
    // Not code-point order (Đ last) nor the root collation's (Ân before Anh): D, Đ, then A before Â.
    expect(shown).toEqual([names[3], names[1], names[2], names[0]]);

    const employers = [`Đặng Văn Bình ${tag}`, `Dương Thị Cúc ${tag}`, `Công ty Đại Dương ${tag}`];
    for (const name of employers) expect((await admin.post('/employers', { name, kind: 'domestic', country: 'VN' })).status).toBe(201);
    await page.getByRole('link', { name: 'Doanh nghiệp', exact: true }).click();
    await page.getByRole('link', { name: employers[0] }).waitFor(); // the whole list is read
    await page.getByLabel('Lọc theo tên').fill(`dang van ${tag}`);
    await expect(page.getByRole('row').locator('td:first-child').allTextContents()).resolves.toEqual([employers[0]]);
    await page.getByLabel('Lọc theo tên').fill(tag);
    await expect(page.getByRole('row').locator('td:first-child').allTextContents()).resolves.toEqual([
      employers[2],
      employers[1],
      employers[0],
    ]);
    await page.getByLabel('Lọc theo tên').fill(`duong ${tag}`);
    await expect(page.getByRole('row').locator('td:first-child').allTextContents()).resolves.toEqual([employers[2], employers[1]]);
    await expect(accessibilityProblems(page)).resolves.toEqual([]);

    // A run's proposed matches, for staff, by the candidates' names in the same order.
    const employerId = await registerEmployer(admin, 'KR');
    const openingId = await postOpening(admin, employerId, { positions: names.length });
    const fairId = await fairWith(admin, [{ employerId, openingIds: [openingId] }], seekerIds);
    const run = await completedRun(admin, fairId, 'optimal', { seekers: names.length, openings: 1 });
    await page.goto(`${serviceUrl('gateway')}/#/matching/runs/${run.id}`);
    const candidates = page.getByRole('region', { name: 'Kết quả ghép', exact: true }).locator('tbody tr td:first-child strong');
    await candidates.first().waitFor();
    await expect(candidates.allTextContents()).resolves.toEqual([names[3], names[1], names[2], names[0]]);
    await page.close();
  }, 120000);

  it('loads nothing from outside the origin', () => {
    expect(web.foreignRequests).toEqual([]);
  });
});
