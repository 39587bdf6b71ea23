// Live recommendations: when a seeker checks in, the matcher ranks the fair's openings for
// them with reasons; served through the gateway at /fairs/:id/recommendations.
import { ApiClient, asAdmin, asNewUser, eventually } from '@jobfair/testing';
import { fairWith, postOpening, registerSeeker } from './fair-fixture';
import { expect400, registerEmployer } from './hiring-scenario';

describe('recommendations at check-in (through the gateway)', () => {
  let staff: ApiClient;
  let employer: ApiClient;
  let fairId: string;
  let farm: string;
  let factory: string;
  let elsewhere: string;
  let strong: string;
  let weak: string;
  let absent: string;
  let employerId: string;

  const recommendations = (seekerId: string, limit?: number) =>
    staff.get(`/fairs/${fairId}/recommendations?seekerId=${seekerId}${limit ? `&limit=${limit}` : ''}`);

  beforeAll(async () => {
    const admin = await asAdmin();
    staff = await asNewUser('staff');
    employerId = await registerEmployer(admin, 'KR');
    employer = await asNewUser('employer', employerId);
    farm = await postOpening(admin, employerId, {
      requirements: { languageTests: [{ test: 'EPS-TOPIK', minScore: 140 }], skills: ['farming'] },
    });
    factory = await postOpening(admin, employerId, { sector: 'manufacturing' });
    elsewhere = await postOpening(admin, employerId); // at no booth of this fair
    strong = await registerSeeker(staff, { topik: 175 });
    weak = await registerSeeker(staff, { topik: 104 });
    absent = await registerSeeker(staff, { topik: 190 });
    fairId = await fairWith(staff, [{ employerId, openingIds: [farm, factory] }], [strong, weak]);
  }, 120000);

  it("ranks the fair's openings the seeker is eligible for, with reasons, for a checked-in seeker", async () => {
    const body = await eventually(
      async () => {
        const res = await recommendations(strong);
        expect(res.status).toBe(200);
        expect(res.body.items).toHaveLength(2);
        return res.body;
      },
      30000,
      500,
    );
    expect(body).toMatchObject({ fairId, seekerId: strong, computedAt: expect.any(String) });
    expect(body.items.map((i: any) => i.openingId).sort()).toEqual([farm, factory].sort());
    expect(body.items.map((i: any) => i.openingId)).not.toContain(elsewhere);
    for (const item of body.items) {
      expect(item).toMatchObject({
        employerId: expect.any(String),
        title: expect.any(String),
        country: 'KR',
        quotaClass: 'firstTime',
        designated: false,
      });
      expect(item.reasons.length).toBeGreaterThan(0);
      expect(item.score).toBeGreaterThan(0);
    }
    expect(body.items[0].score).toBeGreaterThanOrEqual(body.items[1].score);
    const top = await recommendations(strong, 1);
    expect(top.body.items).toEqual([body.items[0]]);
  });

  it('leaves out the openings whose hard rules the seeker fails', async () => {
    const body = await eventually(
      async () => {
        const res = await recommendations(weak);
        expect(res.status).toBe(200);
        expect(res.body.items).toHaveLength(1);
        return res.body;
      },
      30000,
      500,
    );
    expect(body.items[0].openingId).toBe(factory);
  });

  it('answers 404 for a seeker not checked in or an unknown fair, 400 for bad parameters, 403 for employers', async () => {
    expect((await recommendations(absent)).status).toBe(404);
    expect((await staff.get(`/fairs/no-such-fair/recommendations?seekerId=${strong}`)).status).toBe(404);
    await expect400(staff.get(`/fairs/${fairId}/recommendations`), 'seekerId');
    await expect400(recommendations(strong, 500), 'limit');
    expect((await employer.get(`/fairs/${fairId}/recommendations?seekerId=${strong}`)).status).toBe(403);
  });

  it('knows who checked in where: a check-in makes a member of that fair only', async () => {
    const other = await fairWith(staff, [{ employerId, openingIds: [factory] }], [absent]);
    const body = await eventually(
      async () => {
        const res = await staff.get(`/fairs/${other}/recommendations?seekerId=${absent}`);
        expect(res.status).toBe(200);
        return res.body;
      },
      30000,
      500,
    );
    expect(body.items.map((i: any) => i.openingId)).toEqual([factory]);
    expect((await recommendations(absent)).status).toBe(404);
    expect((await staff.get(`/fairs/${other}/recommendations?seekerId=${strong}`)).status).toBe(404);
  });

  it("answers a fresh check-in's recommendations in one request that waits for them (waitMs)", async () => {
    // `weak` is known to the matcher already (its recommendations above): only the check-in is new.
    const fresh = await fairWith(staff, [{ employerId, openingIds: [factory] }], []);
    expect((await staff.post(`/fairs/${fresh}/check-ins`, { seekerId: weak, clientRef: `wait-${weak}` })).status).toBe(201);
    const res = await staff.get(`/fairs/${fresh}/recommendations?seekerId=${weak}&waitMs=5000`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ fairId: fresh, seekerId: weak, computedAt: expect.any(String) });
    // Not checked in: the wait runs out and the answer is the 404 of today.
    expect((await staff.get(`/fairs/${fresh}/recommendations?seekerId=${strong}&waitMs=300`)).status).toBe(404);
    await expect400(staff.get(`/fairs/${fresh}/recommendations?seekerId=${weak}&waitMs=600000`), 'waitMs');
  });
});
