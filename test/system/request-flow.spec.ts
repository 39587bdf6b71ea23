import { randomUUID } from 'crypto';
import { ApiClient, asAdmin, asNewUser, eventually, logLines } from '@jobfair/testing';
import { fairWith, postOpening, registerSeeker } from '../matcher/fair-fixture';
import { registerEmployer } from '../matcher/hiring-scenario';

describe('one id per flow: a request id in the answer, the logs and the events it causes', () => {
  let staff: ApiClient;
  let fairId: string;
  let seekerId: string;

  beforeAll(async () => {
    const admin = await asAdmin();
    staff = await asNewUser('staff');
    const employerId = await registerEmployer(admin, 'KR');
    const opening = await postOpening(admin, employerId, { sector: 'agriculture' });
    seekerId = await registerSeeker(staff, { topik: 160 });
    fairId = await fairWith(staff, [{ employerId, openingIds: [opening] }], []);
  }, 120000);

  it("a check-in's request id crosses the gateway: on the fairs service's log line of it and the matcher's line that applied its event", async () => {
    const requestId = `check-in-${randomUUID()}`;
    const checkIn = await staff.post(
      `/fairs/${fairId}/check-ins`,
      { seekerId, clientRef: `ref-${requestId}` },
      { 'X-Request-Id': requestId },
    );
    expect(checkIn.status).toBe(201);
    expect(checkIn.headers.get('x-request-id')).toBe(requestId);
    await eventually(async () => expect((await staff.get(`/fairs/${fairId}/recommendations?seekerId=${seekerId}`)).status).toBe(200));

    await eventually(async () => {
      // The fairs service logs the request it got through the gateway under the same id.
      expect(logLines('fairs').some((line) => (line.req as { id?: string } | undefined)?.id === requestId)).toBe(true);
      // The matcher applied the SeekerCheckedIn that the check-in wrote, in the same flow.
      const applied = logLines('matcher').filter((line) => line.correlationId === requestId);
      expect(applied.map((line) => line.msg)).toContainEqual(expect.stringMatching(/^SeekerCheckedIn .* applied$/));
    });
  });

  it('gives a request without an id (or with one that is not a plain token) an id of its own', async () => {
    const bare = await staff.get('/fairs?limit=1');
    const forged = await staff.get('/fairs?limit=1', { 'X-Request-Id': 'a b"c' });
    for (const res of [bare, forged]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    }
    expect(bare.headers.get('x-request-id')).not.toBe(forged.headers.get('x-request-id'));
  });
});
