import { randomUUID } from 'crypto';
import { ApiClient, ApiResponse, asAdmin, asNewUser, eventually, gateway, uniqueName, uniqueNationalId } from '@jobfair/testing';
import { withServiceDatabase } from '../support/database';

/**
 * A client that got no answer retries with the same `Idempotency-Key` (API.md, Retries)
 * and gets the first answer again instead of a second employer, seeker, fair or run.
 */
describe('Idempotency-Key on creating requests (through the gateway)', () => {
  let admin: ApiClient;
  let staff: ApiClient;

  const withKey = (key: string = randomUUID()) => ({ 'Idempotency-Key': key });
  const employer = () => ({ name: uniqueName('Busan Fisheries'), kind: 'overseas', country: 'KR' });
  const answer = (r: ApiResponse) => ({ status: r.status, body: r.body });

  beforeAll(async () => {
    [admin, staff] = await Promise.all([asAdmin(), asNewUser('staff')]);
  });

  it('answers a repeated request with its first answer in every service, marked as a replay', async () => {
    const seeker = {
      nationalId: uniqueNationalId(),
      fullName: uniqueName('Tran Thi'),
      birthDate: '1999-02-11',
      gender: 'female',
      phone: '+84 912 000 111',
      province: 'Nghe An',
      skills: [],
      languageTests: [],
      preferences: { scopes: ['overseas'], countries: ['KR'], sectors: ['agriculture'] },
      overseasHistory: [],
      householdStatus: 'none',
      consents: [{ purpose: 'matching', granted: true, at: '2026-01-05T08:00:00Z' }],
    };
    const fair = {
      name: uniqueName('fair'),
      kind: 'fixed',
      province: 'Nghe An',
      venue: 'Vinh employment centre',
      startsAt: '2027-04-02T08:00:00+07:00',
      endsAt: '2027-04-02T17:00:00+07:00',
    };
    for (const [path, body] of [
      ['/employers', employer()],
      ['/seekers', seeker],
      ['/fairs', fair],
    ] as const) {
      const headers = withKey();
      const first = await staff.post(path, body, headers);
      expect([path, first.status]).toEqual([path, 201]);
      const again = await staff.post(path, body, headers);
      expect(answer(again)).toEqual(answer(first));
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(first.headers.get('idempotent-replayed')).toBeNull();
    }

    // The matcher: a run for a fair it has just learnt of; a 404 before then is not kept, the same key acts once it knows.
    const fairId = (await staff.post('/fairs', { ...fair, name: uniqueName('fair') })).body.id;
    const headers = withKey();
    let started!: ApiResponse;
    await eventually(async () => {
      started = await staff.post('/matching/runs', { fairId, mode: 'optimal' }, headers);
      expect(started.status).toBe(202);
    });
    expect(answer(await staff.post('/matching/runs', { fairId, mode: 'optimal' }, headers))).toEqual(answer(started));
  }, 60000);

  it('acts again without the key, for another key, and for another user with the same key', async () => {
    const body = employer();
    const headers = withKey();
    const first = await admin.post('/employers', body, headers);
    const ids = new Set([
      first.body.id,
      (await admin.post('/employers', body)).body.id,
      (await admin.post('/employers', body, withKey())).body.id,
      (await staff.post('/employers', body, headers)).body.id,
    ]);
    expect(ids.size).toBe(4);
  });

  it('answers 409 with Retry-After while the first request with the key still runs, and the first answer after it', async () => {
    const body = employer();
    const key = randomUUID();
    const first = await staff.post('/employers', body, withKey(key));
    expect(first.status).toBe(201);
    // The key's record as it is while its first request runs (claimed, not answered yet).
    const running = (state: 'pending' | 'done') =>
      withServiceDatabase('employers', (db) =>
        db.collection('idempotency_keys').updateOne({ _id: { $regex: key } as never }, { $set: { state, startedAt: new Date() } }),
      );
    expect((await running('pending')).modifiedCount).toBe(1);
    const meanwhile = await staff.post('/employers', body, withKey(key));
    expect(meanwhile.status).toBe(409);
    expect(Number(meanwhile.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await running('done');
    expect(answer(await staff.post('/employers', body, withKey(key)))).toEqual(answer(first));
  });

  it('refuses the same key with another body (422) and keeps the first answer', async () => {
    const headers = withKey();
    const first = await admin.post('/employers', employer(), headers);
    expect(first.status).toBe(201);
    const reused = await admin.post('/employers', employer(), headers);
    expect(reused.status).toBe(422);
    expect(reused.body.message).toMatch(/Idempotency-Key .* another body/);
    // The body's field order is not a different request.
    const { name, kind, country } = first.body;
    expect(answer(await admin.post('/employers', { country, kind, name }, headers))).toEqual(answer(first));
  });

  it('does not keep a refused request: the corrected request with the same key acts', async () => {
    const headers = withKey();
    const refused = await admin.post('/employers', { name: '', kind: 'overseas', country: 'KR' }, headers);
    expect(refused.status).toBe(400);
    const body = employer();
    // Another body than the refused one, yet not 422: nothing was stored for the failed attempt.
    expect((await admin.post('/employers', body, headers)).status).toBe(201);
  });

  it('answers 400 naming the header for a key it cannot use', async () => {
    const tooLong = await admin.post('/employers', employer(), withKey('k'.repeat(201)));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toEqual([expect.stringMatching(/^Idempotency-Key: /)]);
  });

  it('documents the header on the POST operations of the one OpenAPI document', async () => {
    await eventually(async () => {
      const { paths } = (await gateway().get('/docs-json')).body;
      for (const path of ['/api/openings', '/api/seekers', '/api/fairs/{id}/check-ins', '/api/placements', '/api/users']) {
        expect([path, paths[path]?.post?.parameters]).toEqual([
          path,
          expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false })]),
        ]);
      }
    });
  });
});
