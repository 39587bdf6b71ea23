import { ApiClient, TEST_SYSTEM, asAdmin, asNewUser, gateway, serviceUrl, tokenFor, uniqueName } from '@jobfair/testing';

describe('gateway: users, tokens and the one origin', () => {
  let admin: ApiClient;

  beforeAll(async () => {
    admin = await asAdmin();
  });

  it('issues a bearer token for the first administrator and says who it is for', async () => {
    const response = await gateway().post('/auth/token', { username: TEST_SYSTEM.adminUsername, password: TEST_SYSTEM.adminPassword });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accessToken: expect.any(String), expiresIn: expect.any(Number), tokenType: 'Bearer' });
    const me = await gateway(response.body.accessToken).get('/auth/me');
    expect(me.body).toMatchObject({ username: TEST_SYSTEM.adminUsername, role: 'admin' });
  });

  it('refuses wrong credentials alike for an unknown user and a wrong password', async () => {
    const unknown = await gateway().post('/auth/token', { username: 'nobody-here', password: 'whatever-it-is' });
    const wrong = await gateway().post('/auth/token', { username: TEST_SYSTEM.adminUsername, password: 'not-the-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('lets only the admin create users, binds employer users to one employer, refuses duplicates', async () => {
    const username = uniqueName('staff');
    const created = await admin.post('/users', { username, password: 'long-enough-password', role: 'staff' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), username, role: 'staff' });
    expect(created.body.passwordHash).toBeUndefined();
    expect((await admin.post('/users', { username, password: 'another-password', role: 'staff' })).status).toBe(409);

    const staff = gateway(await tokenFor(username, 'long-enough-password'));
    expect((await staff.post('/users', { username: uniqueName('x'), password: 'long-enough-password', role: 'admin' })).status).toBe(403);
    const employer = await asNewUser('employer', 'employer-1');
    expect((await employer.post('/users', { username: uniqueName('x'), password: 'long-enough-password', role: 'admin' })).status).toBe(
      403,
    );
    expect((await employer.get('/auth/me')).body).toMatchObject({ role: 'employer', employerId: 'employer-1' });
  });

  it('lists users, changes a role (binding or unbinding an employer) and disables a user, who can then no longer sign in', async () => {
    const username = uniqueName('staff');
    const password = 'long-enough-password';
    const { id } = (await admin.post('/users', { username, password, role: 'staff' })).body;
    let page = (await admin.get('/users?role=staff&limit=100')).body;
    const listed = [...page.items];
    while (page.nextCursor) {
      page = (await admin.get(`/users?role=staff&limit=100&cursor=${page.nextCursor}`)).body;
      listed.push(...page.items);
    }
    expect(listed).toContainEqual({ id, username, role: 'staff' });

    // An employer user needs its employer, and only it has one; a change changes something.
    for (const bad of [{ role: 'employer' }, { employerId: 'employer-9' }, { role: 'staff', employerId: 'employer-9' }, {}]) {
      expect((await admin.patch(`/users/${id}`, bad)).status).toBe(400);
    }
    expect((await admin.patch(`/users/${id}`, { role: 'employer', employerId: 'employer-9' })).body).toEqual({
      id,
      username,
      role: 'employer',
      employerId: 'employer-9',
    });
    expect((await admin.patch(`/users/${id}`, { role: 'admin' })).body).toEqual({ id, username, role: 'admin' });
    expect((await gateway(await tokenFor(username, password)).get('/auth/me')).body).toMatchObject({ role: 'admin' });

    expect((await admin.patch(`/users/${id}`, { disabled: true })).body).toEqual({ id, username, role: 'admin', disabled: true });
    const refused = await gateway().post('/auth/token', { username, password });
    expect([refused.status, refused.body.message]).toEqual([401, 'this user is disabled']);
    expect((await admin.patch(`/users/${id}`, { disabled: false })).body).toEqual({ id, username, role: 'admin' });
    expect((await gateway().post('/auth/token', { username, password })).status).toBe(200);

    // The administrator cannot lock themselves out; others cannot change users at all.
    const me = (await admin.get('/auth/me')).body;
    expect((await admin.patch(`/users/${me.userId}`, { disabled: true })).status).toBe(409);
    expect((await admin.patch(`/users/${me.userId}`, { role: 'staff' })).status).toBe(409);
    expect((await admin.patch('/users/no-such-user', { disabled: true })).status).toBe(404);
    expect((await admin.patch(`/users/${id}`, { disabled: 'yes' })).status).toBe(400);
    const staff = await asNewUser('staff');
    expect((await staff.get('/users')).status).toBe(403);
    expect((await staff.patch(`/users/${id}`, { disabled: true })).status).toBe(403);
  });

  it('withdraws the tokens already issued to a user whose role or employer changes, or who is disabled', async () => {
    const username = uniqueName('staff');
    const password = 'long-enough-password';
    const { id } = (await admin.post('/users', { username, password, role: 'staff' })).body;
    const asStaff = gateway(await tokenFor(username, password));
    expect((await asStaff.get('/fairs?limit=1')).status).toBe(200);

    // A role change: the staff token opens neither a service's route nor the gateway's own; a new one carries the new role.
    expect((await admin.patch(`/users/${id}`, { role: 'employer', employerId: 'employer-7' })).status).toBe(200);
    for (const path of ['/fairs?limit=1', '/auth/me']) {
      const withdrawn = await asStaff.get(path);
      expect([path, withdrawn.status, withdrawn.body.message]).toEqual([path, 401, expect.stringMatching(/^this token was withdrawn/)]);
    }
    const asEmployer = gateway(await tokenFor(username, password));
    expect((await asEmployer.get('/auth/me')).body).toMatchObject({ role: 'employer', employerId: 'employer-7' });

    // Another employer, and a disabling, withdraw it too; enabling again does not bring an old token back.
    expect((await admin.patch(`/users/${id}`, { role: 'employer', employerId: 'employer-8' })).status).toBe(200);
    expect((await asEmployer.get('/auth/me')).status).toBe(401);
    const asSecondEmployer = gateway(await tokenFor(username, password));
    expect((await admin.patch(`/users/${id}`, { disabled: true })).status).toBe(200);
    expect((await asSecondEmployer.get('/auth/me')).status).toBe(401);
    expect((await admin.patch(`/users/${id}`, { disabled: false })).status).toBe(200);
    expect((await asSecondEmployer.get('/auth/me')).status).toBe(401);
    expect((await gateway(await tokenFor(username, password)).get('/auth/me')).status).toBe(200);

    // A change that changes nothing a token says leaves the tokens standing.
    const current = gateway(await tokenFor(username, password));
    expect((await admin.patch(`/users/${id}`, { disabled: false })).status).toBe(200);
    expect((await current.get('/auth/me')).status).toBe(200);
  });

  it('names each invalid field of a user', async () => {
    const bad = await admin.post('/users', { username: 'A', password: 'short', role: 'root', extra: 1 });
    expect(bad.status).toBe(400);
    for (const field of ['username', 'password', 'role', 'extra']) {
      expect(bad.body.message.some((line: string) => line.startsWith(`${field}:`))).toBe(true);
    }
    const unbound = await admin.post('/users', { username: uniqueName('emp'), password: 'long-enough-password', role: 'employer' });
    expect(unbound.status).toBe(400);
    expect(unbound.body.message.join()).toMatch(/employerId/);
    const bound = await admin.post('/users', {
      username: uniqueName('stf'),
      password: 'long-enough-password',
      role: 'staff',
      employerId: 'e1',
    });
    expect(bound.status).toBe(400);
  });

  it('serves one OpenAPI document with every service under /api', async () => {
    const docs = await gateway().get('/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/auth/token', '/api/users']));
    const services = ['employers', 'seekers', 'fairs', 'matcher'].filter((name) => {
      try {
        return Boolean(serviceUrl(name as 'employers'));
      } catch {
        return false;
      }
    });
    const expected: Record<string, string> = {
      employers: '/api/openings',
      seekers: '/api/seekers',
      fairs: '/api/fairs',
      matcher: '/api/matching/runs',
    };
    // Service documents are fetched in the background: ask again until they are in.
    for (let attempt = 0; attempt < 20; attempt++) {
      const paths = Object.keys((await gateway().get('/docs-json')).body.paths);
      if (services.every((s) => paths.includes(expected[s]))) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const paths = Object.keys((await gateway().get('/docs-json')).body.paths);
    for (const service of services) expect(paths).toContain(expected[service]);
    expect((await new ApiClient(serviceUrl('gateway')).get('/api/docs')).status).toBe(200);
  });

  it('answers 502 with a reason, not a 500, when a service is away', async () => {
    // Seekers is stopped in runs that start only some services; then the proxy must say so.
    let seekersUp = true;
    try {
      serviceUrl('seekers');
    } catch {
      seekersUp = false;
    }
    const response = await admin.get('/seekers');
    expect(response.status).toBe(seekersUp ? 200 : 502);
  });
});
