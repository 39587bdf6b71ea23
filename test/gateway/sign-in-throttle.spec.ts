import { spawn } from 'child_process';
import * as path from 'path';
import { ApiClient, ApiResponse, TEST_SYSTEM, eventually } from '@jobfair/testing';

/**
 * Password guessing at the gateway, on a gateway process of its own with small limits
 * (the test system's gateway allows the whole suite's sign-ins).
 */
describe('sign-in attempts are limited per client and per username', () => {
  const root = path.resolve(__dirname, '..', '..');
  const port = 3000 + TEST_SYSTEM.portOffset + 120;
  const api = new ApiClient(`http://127.0.0.1:${port}/api`);
  const child = spawn(
    process.execPath,
    ['-r', path.join(root, 'deploy', 'register-paths.js'), path.join(root, 'dist', 'apps', 'gateway', 'src', 'main.js')],
    {
      cwd: root,
      stdio: 'ignore',
      env: {
        ...process.env,
        PORT: String(port),
        MONGODB_DB_PREFIX: `throttle_${Date.now().toString(36)}_`,
        JWT_SECRET: TEST_SYSTEM.jwtSecret,
        ADMIN_PASSWORD: TEST_SYSTEM.adminPassword,
        SIGN_IN_LIMIT_PER_CLIENT: '5',
        SIGN_IN_LIMIT_PER_USERNAME: '3',
        SIGN_IN_WINDOW_SECONDS: '600',
      },
    },
  );

  beforeAll(async () => {
    await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200), 90000, 500);
  }, 120000);

  afterAll(() => {
    child.kill('SIGTERM');
  });

  it('answers 429 with Retry-After once either limit is reached', async () => {
    const attempt = (username: string) => api.post('/auth/token', { username, password: 'a wrong guess' });
    const answers: ApiResponse[] = [];
    for (const username of ['admin', 'admin', 'admin', 'admin', 'someone-else', 'someone-else']) answers.push(await attempt(username));
    // Three wrong guesses for the admin, the fourth refused; another name still gets its turn
    // until this client's fifth attempt, after which the client is refused whatever the name.
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 429, 401, 429]);
    for (const refused of [answers[3], answers[5]]) expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('sends the protective headers and does not name its framework', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/auth/me`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
