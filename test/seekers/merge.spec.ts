// One person, one record, through the gateway: the duplicate list finds two records of one
// person (name without diacritics or word order, birth date; phone), staff merge them and every
// service moves what it held to the survivor (fairs' attendance, the matcher's check-ins,
// matches and placements), or mark two records distinct and the pair leaves the list.
import { randomBytes } from 'node:crypto';
import { ApiClient, asAdmin, asNewUser, eventually, uniqueNationalId } from '@jobfair/testing';
import { EPS_140, completedRun, fairWith, postOpening, registerSeeker } from '../matcher/fair-fixture';
import { registerEmployer } from '../matcher/hiring-scenario';

/** A name no other test uses, in letters only (a random suffix of digits would not be a name). */
const uniqueGivenName = () =>
  [...randomBytes(6)]
    .map((byte) => String.fromCharCode('a'.charCodeAt(0) + (byte % 26)))
    .join('')
    .replace(/^./, (c) => c.toUpperCase());

const phone = () => `09${String(randomBytes(4).readUInt32BE()).padStart(8, '0').slice(-8)}`;

describe('duplicate records and merging (through the gateway)', () => {
  let admin: ApiClient;
  let staff: ApiClient;

  beforeAll(async () => {
    [admin, staff] = await Promise.all([asAdmin(), asNewUser('staff')]);
  });

  const pairsOf = async (seekerId: string) => {
    const res = await staff.get(`/seekers/duplicates?seekerId=${seekerId}&limit=100`);
    expect(res.status).toBe(200);
    return res.body.items as { a: { id: string }; b: { id: string }; score: number; reasons: string[] }[];
  };

  it('merges two records of one person: the check-in, the consent and the placement move to the survivor and every service agrees', async () => {
    const given = uniqueGivenName();
    const employerId = await registerEmployer(admin, 'KR');
    const openingId = await postOpening(admin, employerId, EPS_140);
    // A walk-in form typed in a hurry: no diacritics, the given name first, another national ID.
    const duplicate = await registerSeeker(staff, {
      topik: 150,
      fullName: `${given} nguyen  van`,
      phone: phone(),
      consents: [
        { purpose: 'matching', granted: true, at: '2026-01-05T08:00:00Z' },
        { purpose: 'contact', granted: true, at: '2026-03-01T08:00:00Z' },
      ],
    });
    // The record kept has no language result: only the duplicate's qualifies it for the opening.
    const survivor = await registerSeeker(staff, { fullName: `Nguyễn Văn ${given}`, phone: phone() });

    const [pair] = await pairsOf(survivor);
    expect(pair).toMatchObject({ reasons: ['same-name-birth'], score: expect.any(Number) });
    expect([pair.a.id, pair.b.id].sort()).toEqual([duplicate, survivor].sort());

    // Both records came to the fair (checked in twice); the duplicate was matched and hired.
    const fairId = await fairWith(staff, [{ employerId, openingIds: [openingId] }], [duplicate, survivor]);
    const run = await completedRun(staff, fairId, 'optimal', { seekers: 2, openings: 1 });
    const [match] = (await staff.get(`/matches?runId=${run.id}`)).body.items;
    expect(match.seekerId).toBe(duplicate);
    expect((await staff.post(`/matches/${match.id}/approve`)).status).toBe(200);
    const hired = await staff.post('/placements', { matchId: match.id });
    expect(hired.status).toBe(201);
    await eventually(async () => expect((await staff.get(`/seekers/${duplicate}`)).body.available).toBe(false));

    const employer = await asNewUser('employer', employerId);
    expect((await employer.post(`/seekers/${survivor}/merge`, { duplicateId: duplicate })).status).toBe(403);
    const merged = await staff.post(`/seekers/${survivor}/merge`, { duplicateId: duplicate });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: survivor, fullName: `Nguyễn Văn ${given}`, available: false });
    expect(merged.body.languageTests).toEqual([expect.objectContaining({ test: 'EPS-TOPIK', score: 150 })]);
    expect(merged.body.consents).toEqual(expect.arrayContaining([expect.objectContaining({ purpose: 'contact', granted: true })]));
    // Asked again (a retry): the same answer, nothing taken twice.
    const again = await staff.post(`/seekers/${survivor}/merge`, { duplicateId: duplicate });
    expect([again.status, again.body.consents]).toEqual([200, merged.body.consents]);
    const gone = await staff.get(`/seekers/${duplicate}`);
    expect([gone.status, gone.body.message]).toEqual([404, `seeker ${duplicate} was merged into ${survivor}`]);
    expect(await pairsOf(survivor)).toEqual([]);

    await eventually(async () => {
      // Fairs: one attendance, the survivor's (its own check-in kept), the fair counts one person.
      const attendance = await staff.get(`/attendance?seekerId=${survivor}`);
      expect(attendance.body.items).toEqual([expect.objectContaining({ fairId, seekerId: survivor, clientRef: `ref-${survivor}` })]);
      expect((await staff.get(`/attendance?seekerId=${duplicate}`)).body.items).toEqual([]);
      expect((await staff.get(`/fairs/${fairId}/stats`)).body).toMatchObject({ checkIns: 1, placements: 1 });
      // The duplicate's device check-in, uploaded again, answers as the survivor's.
      const replayed = await staff.post(`/fairs/${fairId}/check-ins`, { seekerId: duplicate, clientRef: `ref-${duplicate}` });
      expect([replayed.status, replayed.body.seekerId]).toEqual([200, survivor]);
      // Matcher: the match and the placement are the survivor's, and it knows the survivor checked in.
      expect((await staff.get(`/matches?fairId=${fairId}`)).body.items.map((m: { seekerId: string }) => m.seekerId)).toEqual([survivor]);
      const placements = await staff.get(`/placements?seekerId=${survivor}`);
      expect(placements.body.items).toEqual([expect.objectContaining({ id: hired.body.id, seekerId: survivor, status: 'hired' })]);
      expect((await staff.get(`/placements?seekerId=${duplicate}`)).body.items).toEqual([]);
      // The matcher's check-ins count the person once.
      const funnel = (await staff.get(`/reports/funnel?fairId=${fairId}`)).body;
      expect([funnel.steps[1].reached, funnel.placements]).toEqual([1, 1]);
    }, 30000);

    // The placement's next step tells the survivor: returned, the person is available again.
    expect((await staff.post(`/placements/${hired.body.id}/status`, { status: 'departed' })).status).toBe(200);
    expect((await staff.post(`/placements/${hired.body.id}/status`, { status: 'returned' })).status).toBe(200);
    await eventually(async () => expect((await staff.get(`/seekers/${survivor}`)).body.available).toBe(true));
  }, 180000);

  it('marks two records distinct: the pair leaves the review list; merging needs two live records', async () => {
    const shared = phone();
    const first = await registerSeeker(staff, { fullName: `Tran Thi ${uniqueGivenName()}`, phone: shared });
    const second = await registerSeeker(staff, {
      fullName: `Le Van ${uniqueGivenName()}`,
      birthDate: '1975-09-02',
      phone: shared.replace(/^0/, '+84 '),
    });
    const [pair] = await pairsOf(first);
    expect(pair).toMatchObject({ reasons: ['same-phone'] });
    expect([pair.a.id, pair.b.id].sort()).toEqual([first, second].sort());

    const employer = await asNewUser('employer', await registerEmployer(admin, 'KR'));
    expect((await employer.get('/seekers/duplicates')).status).toBe(403);
    expect((await staff.post('/seekers/duplicates/distinct', { a: first, b: first })).status).toBe(400);
    const distinct = await staff.post('/seekers/duplicates/distinct', { a: second, b: first });
    expect([distinct.status, distinct.body]).toEqual([200, { a: second, b: first }]);
    expect(await pairsOf(first)).toEqual([]);
    expect((await staff.post('/seekers/duplicates/distinct', { a: first, b: second })).status).toBe(200);

    expect((await staff.post(`/seekers/${first}/merge`, { duplicateId: first })).status).toBe(400);
    expect((await staff.post(`/seekers/${first}/merge`, { duplicateId: uniqueNationalId() })).status).toBe(404);
    expect((await staff.post(`/seekers/${first}/merge`, {})).status).toBe(400);
  }, 60000);
});
