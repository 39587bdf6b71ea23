import { Page } from 'playwright-core';
import { eventually, serviceUrl, uniqueName, uniqueNationalId } from '@jobfair/testing';
import { fairWith, postOpening, registerSeeker } from '../matcher/fair-fixture';
import { registerEmployer } from '../matcher/hiring-scenario';
import { SIGN_IN_WORDS, accessibilityProblems, browserAndAdmin, signIn } from './browser';

/**
 * A seeker's profile as centre staff keep it, in Vietnamese: every field the API lets them
 * change (language results, skills and work abroad as lists of entries), the API's refusals in
 * words; and the seeker's QR code, on screen and on paper, that the check-in desk's scanner
 * reads (it types the code and presses Enter) to check the person in.
 */
describe("a seeker's profile: its edit and its check-in QR code", () => {
  const spec = browserAndAdmin();

  async function asStaff(): Promise<Page> {
    const user = { username: uniqueName('staff'), password: 'staff-password' };
    expect((await spec.admin.post('/users', { ...user, role: 'staff' })).status).toBe(201);
    const page = await signIn(spec.web.context, user, SIGN_IN_WORDS.vi);
    await page.getByTestId('username').waitFor();
    return page;
  }

  it('edits language results, skills, work abroad, contact and the salary wanted, and says what the API refused in words', async () => {
    const fullName = uniqueName('Trịnh Văn Lực');
    const seekerId = await registerSeeker(spec.admin, { topik: 150, fullName });
    const page = await asStaff();
    await page.goto(`${serviceUrl('gateway')}/#/seekers/${seekerId}`);
    await page.getByRole('link', { name: 'Sửa hồ sơ' }).click();
    const form = page.getByRole('form', { name: `Sửa hồ sơ của ${fullName}` });
    const result = (n: number) => form.getByRole('group', { name: `Kết quả ngoại ngữ ${n}`, exact: true });
    const skill = (n: number) => form.getByRole('group', { name: `Kỹ năng ${n}`, exact: true });
    const stint = (n: number) => form.getByRole('group', { name: `Lần làm việc ở nước ngoài ${n}`, exact: true });
    // What was recorded is there to change.
    await expect(result(1).getByLabel('Điểm').inputValue()).resolves.toBe('150');
    await expect(skill(1).getByLabel('Kỹ năng').inputValue()).resolves.toBe('farming');
    await expect(stint(1).count()).resolves.toBe(0);
    await expect(accessibilityProblems(page)).resolves.toEqual([]);

    await form.getByLabel('Điện thoại', { exact: true }).fill('+84 915 222 333');
    await form.getByLabel('Lương tối thiểu mong muốn (mỗi tháng)').fill('2100000');
    await form.getByLabel('Tiền tệ').fill('krw');
    await result(1).getByLabel('Điểm').fill('182');
    await form.getByRole('button', { name: 'Thêm kết quả ngoại ngữ' }).click();
    // The new entry takes the focus: its first field.
    await expect(page.evaluate('document.activeElement?.name')).resolves.toBe('test');
    await result(2).getByLabel('Kỳ thi').selectOption('JLPT');
    await result(2).getByLabel('Cấp độ').fill('n4');
    await result(2).getByLabel('Ngày thi').fill('2025-12-07');
    await skill(1).getByRole('button', { name: 'Bỏ kỹ năng 1' }).click();
    await form.getByRole('button', { name: 'Thêm kỹ năng' }).click();
    await skill(1).getByLabel('Kỹ năng').fill('Hàn điện');
    await skill(1).getByLabel('Số năm kinh nghiệm').fill('3');
    await form.getByRole('button', { name: 'Thêm lần làm việc ở nước ngoài' }).click();
    await stint(1).getByLabel('Nước (mã ISO, ví dụ KR)').fill('kr');
    await stint(1).getByLabel('Chủ sử dụng lao động').fill('Nông trại Cheorwon');
    await stint(1).getByLabel('Chương trình').selectOption('seasonal');
    await stint(1).getByLabel('Từ ngày').fill('2024-03-01');
    await stint(1).getByLabel('Đến ngày').fill('2024-08-31');
    await stint(1).getByRole('checkbox', { name: 'Chủ cũ đề nghị tuyển lại' }).check();
    await expect(accessibilityProblems(page)).resolves.toEqual([]);
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: fullName, exact: true }).waitFor();

    const stored = (await spec.admin.get(`/seekers/${seekerId}`)).body;
    expect(stored).toMatchObject({
      phone: '+84 915 222 333',
      preferences: { scopes: ['overseas'], countries: ['KR'], minSalary: { amount: 2100000, currency: 'KRW' } },
      languageTests: [
        { test: 'EPS-TOPIK', score: 182, takenAt: '2026-05-10' },
        { test: 'JLPT', level: 'N4', takenAt: '2025-12-07' },
      ],
      skills: [{ name: 'Hàn điện', years: 3 }],
      overseasHistory: [
        {
          country: 'KR',
          employer: 'Nông trại Cheorwon',
          programme: 'seasonal',
          from: '2024-03-01',
          to: '2024-08-31',
          rehireRecommended: true,
        },
      ],
    });
    await page.getByText('Hàn điện: 3 năm').waitFor();

    // Refused by the API: each problem beside the form, the field by its name, nothing changed.
    await page.getByRole('link', { name: 'Sửa hồ sơ' }).click();
    await result(2).getByLabel('Cấp độ').fill('N9');
    await stint(1).getByLabel('Đến ngày').fill('2023-08-31');
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    const alert = form.getByRole('alert');
    await alert.getByText('Cấp độ: cấp độ của JLPT là N5, N4, N3, N2, N1', { exact: true }).waitFor();
    await alert.getByText('Đến ngày: không được trước Từ ngày', { exact: true }).waitFor();
    await expect(accessibilityProblems(page)).resolves.toEqual([]);
    expect((await spec.admin.get(`/seekers/${seekerId}`)).body).toMatchObject({
      languageTests: [expect.anything(), expect.objectContaining({ level: 'N4' })],
      overseasHistory: [expect.objectContaining({ to: '2024-08-31' })],
    });

    // A list emptied is saved empty.
    await result(2).getByLabel('Cấp độ').fill('N3');
    await stint(1).getByRole('button', { name: 'Bỏ lần làm việc ở nước ngoài 1' }).click();
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await form.waitFor({ state: 'detached' });
    expect((await spec.admin.get(`/seekers/${seekerId}`)).body).toMatchObject({
      languageTests: [expect.anything(), expect.objectContaining({ level: 'N3' })],
      overseasHistory: [],
    });
    await page.close();
  }, 120000);

  it("shows and prints the seeker's QR code, and the desk checks the person in from it, typed as a scanner types", async () => {
    const nationalId = uniqueNationalId();
    const fullName = uniqueName('Lò Thị Mai');
    const seekerId = await registerSeeker(spec.admin, { topik: 168, fullName, nationalId });
    const employerId = await registerEmployer(spec.admin, 'KR');
    const fairId = await fairWith(spec.admin, [{ employerId, openingIds: [await postOpening(spec.admin, employerId, {})] }], []);

    const page = await asStaff();
    await page.goto(`${serviceUrl('gateway')}/#/seekers/${seekerId}`);
    const card = page.getByRole('region', { name: 'Mã QR check-in' });
    const code = card.getByRole('img', { name: `Mã QR check-in của ${fullName}` });
    await code.waitFor();
    // The code carries the seeker's id, not the national ID; the same text is written under it.
    const payload = await code.getAttribute('data-payload');
    expect(payload).toBe(seekerId);
    await card.getByText(`Mã người tìm việc: ${seekerId}`).waitFor();
    await expect(card.textContent()).resolves.not.toContain(nationalId);
    // What is drawn is the library's QR code of that payload, module for module (4 modules of quiet zone).
    const drawn = await code.evaluate((svg: any, text: string) => {
      const expected = (globalThis as any).qrcode(0, 'M');
      expected.addData(text);
      expected.make();
      const count: number = expected.getModuleCount();
      const moves: string[] =
        svg
          .querySelector('path')
          .getAttribute('d')
          .match(/M\d+ \d+/g) ?? [];
      const dark = new Set(moves.map((move) => move.slice(1)));
      let same = dark.size > 0;
      for (let row = 0; row < count; row++)
        for (let col = 0; col < count; col++) same &&= expected.isDark(row, col) === dark.has(`${col + 4} ${row + 4}`);
      return { same, viewBox: svg.getAttribute('viewBox'), count };
    }, payload!);
    expect(drawn).toEqual({ same: true, viewBox: `0 0 ${drawn.count + 8} ${drawn.count + 8}`, count: expect.any(Number) });
    await expect(accessibilityProblems(page)).resolves.toEqual([]);
    // On paper: the code prints with the profile; the buttons do not.
    await page.emulateMedia({ media: 'print' });
    await expect(code.isVisible()).resolves.toBe(true);
    await expect(card.getByRole('button', { name: 'In hồ sơ kèm mã QR' }).isVisible()).resolves.toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // At the desk: the scanner types the code and presses Enter, from the keyboard alone.
    await page.goto(`${serviceUrl('gateway')}/#/fairs/${fairId}/desk`);
    await page.getByLabel('Số CCCD (gõ hoặc quét)').waitFor();
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('desk-id');
    // The fairs service learns of the seeker from Kafka: until then the desk cannot find them, and the scan is tried again.
    await eventually(async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.type(payload!);
      await page.keyboard.press('Enter');
      await page.getByRole('status').getByText(`Đã check-in: ${fullName} lúc`).waitFor({ timeout: 1000 });
    });
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('desk-id');
    await expect(accessibilityProblems(page)).resolves.toEqual([]);
    const attendance = (await spec.admin.get(`/attendance?seekerId=${seekerId}`)).body.items;
    expect(attendance).toEqual([expect.objectContaining({ fairId, seekerId })]);

    // A scanner with Caps Lock on types the code in capitals; a citizen ID card's own QR code
    // (national ID first, then the old ID, the name, ...) names the same person: each checks them in again, the same check-in.
    const scans: [string, Record<string, string>][] = [
      [payload!.toUpperCase(), { seekerId }],
      [`${nationalId}|123456789|${fullName}|21041998|Nữ|Thanh Hoá|01012022`, { nationalId }],
    ];
    for (const [scanned, sent] of scans) {
      await page.keyboard.type(scanned);
      const checkIn = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/api/fairs/${fairId}/check-ins`));
      await page.keyboard.press('Enter');
      expect((await checkIn).postDataJSON()).toEqual({ ...sent, clientRef: expect.any(String) });
      await page.getByRole('status').getByText(`Đã check-in: ${fullName} lúc`).waitFor();
      await expect(page.getByLabel('Số CCCD (gõ hoặc quét)').inputValue()).resolves.toBe('');
    }
    expect((await spec.admin.get(`/fairs/${fairId}/stats`)).body).toMatchObject({ checkIns: 1 });
    // A code that nobody has (an erased person's card): said in words, and the field is ready for the next scan.
    const nobody = '0190aaaa-0000-7000-8000-000000000000';
    await page.keyboard.type(nobody);
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText(`Không có người tìm việc nào có mã ${nobody}: hãy quét lại, hoặc gõ số CCCD.`).waitFor();
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('desk-id');
    await page.close();
  }, 120000);

  it('loads nothing from outside the origin', () => {
    expect(spec.web.foreignRequests).toEqual([]);
  });
});
