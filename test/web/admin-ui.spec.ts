import { mkdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { Page } from 'playwright-core';
import { ApiClient, TEST_SYSTEM, asAdmin, eventually, serviceUrl, uniqueName, uniqueNationalId } from '@jobfair/testing';
import { fairWith, postOpening, registerSeeker } from '../matcher/fair-fixture';
import { registerEmployer } from '../matcher/hiring-scenario';
import { WebBrowser, launchBrowser, signIn as signInAs } from './browser';

const SCREENSHOTS = join(__dirname, '../../.local/screenshots');

/**
 * The admin web UI in a real browser (Debian's Chromium, driven by playwright-core):
 * what a centre's staff does, through the same origin as the API. These flows are read in
 * English (the language switch, remembered on this browser); the Vietnamese default is
 * console.spec.ts's.
 */
describe('admin web UI', () => {
  let web: WebBrowser;
  let admin: ApiClient;

  beforeAll(async () => {
    admin = await asAdmin();
    web = await launchBrowser();
    await web.context.addInitScript({ content: "localStorage.setItem('jobfair.language', 'en')" });
  });

  afterAll(async () => {
    await web?.close();
  });

  function signIn(password: string, username = TEST_SYSTEM.adminUsername): Promise<Page> {
    return signInAs(web.context, { username, password });
  }

  it('lets the admin sign in, schedule a fair, open it and find it in the list; data is shown as text', async () => {
    const page = await signIn(TEST_SYSTEM.adminPassword);
    await expect(page.getByTestId('username').textContent()).resolves.toBe(TEST_SYSTEM.adminUsername);
    await page.getByRole('heading', { name: 'Fairs', exact: true }).waitFor();

    // An empty form: the API's 400 names each missing field next to the form.
    await page.getByRole('button', { name: 'Schedule fair' }).click();
    const errors = page.getByRole('form', { name: 'Schedule a fair' }).getByRole('alert');
    // In the UI's words: the field's name and the problem, not the API's codes.
    await errors
      .getByText(/^Name: /)
      .first()
      .waitFor();
    await expect(errors.textContent()).resolves.toMatch(/Venue: .*Starts: /s);

    // Markup in a name must come out as text.
    const name = `${uniqueName('Hội chợ Thanh Hoá')} <img src=x onerror="window.hacked=1">`;
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Kind').selectOption('mobile');
    await page.getByLabel('Province').fill('Thanh Hoa');
    await page.getByLabel('District').fill('Nhu Xuan');
    await page.getByLabel('Venue').fill('Commune cultural house');
    await page.getByLabel('Starts').fill('2027-03-12T08:00');
    await page.getByLabel('Ends').fill('2027-03-12T17:00');
    await page.getByRole('button', { name: 'Schedule fair' }).click();
    await page.getByRole('status').getByText('Scheduled').waitFor();
    await expect(errors.count()).resolves.toBe(0); // an empty error area is hidden, so not in the accessibility tree

    await page.getByRole('link', { name, exact: true }).first().click();
    await page.getByRole('heading', { name: `${name} scheduled` }).waitFor();
    await page.getByRole('button', { name: 'Open the fair' }).click();
    await page.getByRole('heading', { name: `${name} open` }).waitFor();
    await page.getByText(/^Updated at/).waitFor();
    await page.getByRole('button', { name: 'Close the fair' }).waitFor();
    const fairId = decodeURIComponent(new URL(page.url()).hash.replace('#/fairs/', ''));
    expect((await admin.get(`/fairs/${fairId}`)).body).toMatchObject({ name, status: 'open', kind: 'mobile', district: 'Nhu Xuan' });

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-ui-fair.png'), fullPage: true });

    await page.getByRole('link', { name: 'All fairs' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect(row.getByText('open', { exact: true }).textContent()).resolves.toBe('open');
    await expect(page.evaluate('window.hacked')).resolves.toBeUndefined();
    await page.close();
  });

  it("shows the API's error for a wrong password and stays on the sign-in screen", async () => {
    const page = await signIn('not-the-password');
    await page.getByRole('alert').getByText('wrong username or password').waitFor();
    await expect(page.getByRole('heading', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await expect(page.evaluate('sessionStorage.length')).resolves.toBe(0);
    await page.close();
  });

  it('takes a seeker from check-in to recommendations, a matching run, approval, hire, departure and the report', async () => {
    // Other tests place workers in Korea this year too: the report is compared with where it started.
    const krRow = async () => {
      const report = await admin.get(`/reports/summary?year=${new Date().getFullYear()}&by=market`);
      return (
        report.body.rows.find((row: { key: string }) => row.key === 'KR') ?? { hired: 0, departed: 0, returned: 0, cancelled: 0, placed: 0 }
      );
    };
    const before = await krRow();
    // What the UI has no screen for (seekers, booths) is set up through the API.
    const nationalId = uniqueNationalId();
    const fullName = uniqueName('Tran Thi');
    await registerSeeker(admin, { topik: 175, nationalId, fullName });
    const employerId = await registerEmployer(admin, 'KR');
    const title = uniqueName('Cheorwon farm work');
    const openingId = await postOpening(admin, employerId, { title });
    const fairId = await fairWith(admin, [{ employerId, openingIds: [openingId] }], []);

    const page = await signIn(TEST_SYSTEM.adminPassword);
    await page.getByTestId('username').waitFor();
    await page.goto(`${serviceUrl('gateway')}/#/fairs/${fairId}/desk`);
    const desk = page.getByLabel('National ID (typed or scanned)');
    await desk.fill(nationalId);
    // The fairs service learns of the seeker from Kafka: until then the desk says the ID is unknown, and staff try again.
    await eventually(async () => {
      await desk.press('Enter');
      await page.getByRole('status').getByText(`Checked in: ${fullName} at`).waitFor({ timeout: 1000 });
    });
    // Recommendations follow the check-in (the matcher learns it from Kafka); the fair's figures refresh on their own.
    await page.getByRole('cell', { name: title }).waitFor();
    await page.getByRole('link', { name: 'Back to the fair' }).click();
    // The fair's booths by name: the employer's opening is listed by its title.
    await page.getByRole('region', { name: 'Booths' }).getByRole('listitem').filter({ hasText: title }).waitFor();
    await page
      .getByRole('definition')
      .filter({ has: page.locator('xpath=preceding-sibling::dt[.="Check-ins"]') })
      .getByText('1')
      .waitFor();

    await page.getByRole('link', { name: 'Start a matching run for this fair' }).click();
    await expect(page.getByLabel('Over').inputValue()).resolves.toBe(fairId);
    await page.getByLabel('Mode').selectOption('stable');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.getByRole('heading', { name: 'Matching run (stable) completed' }).waitFor();
    const matchRow = page.getByRole('row').filter({ hasText: fullName });
    await matchRow.getByRole('button', { name: 'Approve' }).click();
    await matchRow.getByText('approved', { exact: true }).waitFor();

    await page.getByRole('link', { name: 'Placements' }).click();
    await page.getByRole('row').filter({ hasText: fullName }).getByRole('button', { name: 'Hire' }).click();
    const placementRow = page.getByRole('region', { name: 'Placements', exact: true }).getByRole('row').filter({ hasText: fullName });
    await placementRow.getByText('hired', { exact: true }).waitFor();
    await placementRow.getByLabel('New status').selectOption('departed');
    await placementRow.getByRole('button', { name: 'Save' }).click();
    await placementRow.getByText('departed', { exact: true }).waitFor();

    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('form', { name: 'Placements summary' }).getByRole('button', { name: 'Show' }).click();
    const kr = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'South Korea', exact: true }) });
    const after = await krRow();
    expect([after.departed - before.departed, after.placed - before.placed]).toEqual([1, 1]);
    const shown = [after.hired, after.departed, after.returned, after.cancelled, after.placed].map(String);
    await expect(kr.getByRole('cell').allTextContents()).resolves.toEqual([
      'South Korea',
      ...shown,
      after.target?.toString() ?? '',
      after.percentOfPlan?.toString() ?? '',
    ]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`placements-${new Date().getFullYear()}-by-market.csv`);
    expect(readFileSync((await download.path())!, 'utf8')).toMatch(/^KR,/m);

    // The run is listed from the server, by the fair's name, in any tab.
    const fairName = (await admin.get(`/fairs/${fairId}`)).body.name;
    await page.getByRole('link', { name: 'Matching' }).click();
    const runRow = page.getByRole('row').filter({ hasText: fairName });
    await expect(runRow.getByRole('cell').nth(2).textContent()).resolves.toBe('stable');
    await expect(runRow.getByRole('cell').nth(3).textContent()).resolves.toBe('completed');
    await page.close();
  }, 90000);

  it("lets staff register an employer and post its opening; the employer's own user gets the reduced view", async () => {
    const page = await signIn(TEST_SYSTEM.adminPassword);
    await page.getByRole('link', { name: 'Employers' }).click();
    const employerName = uniqueName('Cheorwon Agricultural Cooperative');
    await page.getByLabel('Name', { exact: true }).fill(employerName);
    // A select once the API's OpenAPI document has given the words (a text box until then).
    await page.getByRole('combobox', { name: 'Kind' }).selectOption('overseas');
    await page.getByLabel('Country (ISO code)').fill('KR');
    await page.getByRole('button', { name: 'Register employer' }).click();
    await page.getByRole('link', { name: employerName }).click();
    await page.getByRole('heading', { name: `Openings of ${employerName}` }).waitFor();

    const form = page.getByRole('form', { name: 'Post an opening' });
    await form.getByRole('button', { name: 'Post opening' }).click();
    await form.getByRole('alert').getByText('Title: must be filled in', { exact: true }).waitFor(); // the API's 400, field by field
    const title = uniqueName('Seasonal farm work');
    await expect(form.getByLabel('Employer').inputValue()).resolves.not.toBe('');
    await form.getByLabel('Title').fill(title);
    await form.getByRole('combobox', { name: 'Sector' }).selectOption('agriculture');
    await form.getByRole('combobox', { name: 'Programme' }).selectOption('seasonal');
    await form.getByLabel('Country (ISO code)').fill('KR');
    await form.getByLabel('Province / region').fill('Gangwon');
    await form.getByLabel('Positions').fill('9');
    await form.getByLabel('Start date').fill('2027-04-01');
    await form.getByRole('button', { name: 'Post opening' }).click();
    await page.getByRole('row').filter({ hasText: title }).getByText('0 / 9').waitFor();
    const employerId = new URL(page.url()).hash.split('employerId=')[1];
    await page.close();

    const username = uniqueName('employer');
    const password = 'employer-password';
    expect((await admin.post('/users', { username, password, role: 'employer', employerId })).status).toBe(201);
    const employerPage = await signIn(password, username);
    await employerPage.getByRole('heading', { name: 'Matches for your openings' }).waitFor();
    await employerPage.getByText('No matches.').waitFor();
    await expect(employerPage.getByRole('navigation').getByRole('link').allTextContents()).resolves.toEqual([
      'Matches',
      'Placements',
      'Openings',
    ]);
    await employerPage.getByRole('link', { name: 'Openings' }).click();
    await employerPage.getByRole('heading', { name: `Openings of ${employerName}` }).waitFor();
    await employerPage.getByRole('cell', { name: title }).waitFor();
    await expect(employerPage.getByRole('form', { name: 'Post an opening' }).getByLabel('Employer').count()).resolves.toBe(0);
    await employerPage.close();
  });

  it('loads nothing from outside the origin', () => {
    expect(web.foreignRequests).toEqual([]);
  });
});
