import { ApiResponse, GatewayProcess } from '@jobfair/testing';

/**
 * Password guessing at the gateway, on a gateway process of its own with small limits
 * (the test system's gateway allows the whole suite's sign-ins).
 */
describe('sign-in attempts are limited per client and per username', () => {
  let gateway: GatewayProcess;

  beforeAll(async () => {
    gateway = await GatewayProcess.start(120, {
      SIGN_IN_LIMIT_PER_CLIENT: '5',
      SIGN_IN_LIMIT_PER_USERNAME: '3',
      SIGN_IN_WINDOW_SECONDS: '600',
    });
  }, 120000);

  afterAll(() => gateway?.stop());

  it('answers 429 with Retry-After once either limit is reached', async () => {
    const attempt = (username: string) => gateway.api.post('/auth/token', { username, password: 'a wrong guess' });
    const answers: ApiResponse[] = [];
    for (const username of ['admin', 'admin', 'admin', 'admin', 'someone-else', 'someone-else']) answers.push(await attempt(username));
    // Three wrong guesses for the admin, the fourth refused; another name still gets its turn
    // until this client's fifth attempt, after which the client is refused whatever the name.
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 429, 401, 429]);
    for (const refused of [answers[3], answers[5]]) expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('sends the protective headers and does not name its framework', async () => {
    const response = await fetch(`${gateway.api.baseUrl}/auth/me`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
