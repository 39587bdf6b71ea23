import { randomUUID } from 'crypto';
import { ApiClient, asNewUser, eventually, logLines, uniqueNationalId } from '@jobfair/testing';
import { registerSeeker } from '../matcher/fair-fixture';

describe("the gateway's access log of proxied requests", () => {
  let staff: ApiClient;
  let nationalId: string;

  beforeAll(async () => {
    staff = await asNewUser('staff');
    nationalId = uniqueNationalId();
    await registerSeeker(staff, { nationalId });
  });

  it('has one line per proxied request: method, path without the query string, status, duration, request id; never the national ID looked up', async () => {
    const requestId = `lookup-${randomUUID()}`;
    const found = await staff.get(`/seekers?nationalId=${nationalId}`, { 'X-Request-Id': requestId });
    expect(found.status).toBe(200);
    const missing = await staff.get(`/fairs/${randomUUID()}`, { 'X-Request-Id': `${requestId}-404` });
    expect(missing.status).toBe(404);

    await eventually(async () => {
      const lines = logLines('gateway').filter((line) => String((line.req as { id?: string } | undefined)?.id).startsWith(requestId));
      expect(lines).toEqual([
        expect.objectContaining({
          msg: 'request completed',
          req: { id: requestId, method: 'GET', url: '/api/seekers' },
          res: { statusCode: 200 },
          responseTime: expect.any(Number),
        }),
        expect.objectContaining({
          req: { id: `${requestId}-404`, method: 'GET', url: expect.stringMatching(/^\/api\/fairs\/[0-9a-f-]{36}$/) },
          res: { statusCode: 404 },
        }),
      ]);
    });
    // Nor does the service that answered: it logs which parameters came, not their values.
    for (const service of ['gateway', 'seekers']) {
      expect([service, logLines(service).filter((line) => JSON.stringify(line).includes(nationalId))]).toEqual([service, []]);
    }
  });
});
