import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import type { ServiceName } from '@jobfair/contracts';
import { ApiClient, TEST_SYSTEM, asAdmin, asNewUser, eventually, supervisor, withServiceDatabase } from '@jobfair/testing';
import { approve, matchAtFair, registerEmployer } from '../matcher/hiring-scenario';

const SEEKERS = 12;
/** The opening is cut to this after the run: more approved matches than seats. */
const SEATS = 3;
/** Each approved match is hired this many times at once (clients retrying), through both matcher instances. */
const ATTEMPTS_PER_MATCH = 2;

interface Instance {
  id: string;
  url: string;
}

/** Applied events of one process, from its `/metrics`. */
async function appliedEvents(instance: Instance): Promise<number> {
  const response = await fetch(`${instance.url}/metrics`, { headers: { authorization: `Bearer ${TEST_SYSTEM.metricsToken}` } });
  expect(response.status).toBe(200);
  return (await response.text())
    .split('\n')
    .filter((line) => line.startsWith('kafka_consumed_events_total{') && line.includes('outcome="applied"'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/** Each member of a service's consumer group, as the partitions it was given ("topic:partition"). */
async function groupMembers(service: ServiceName): Promise<string[][]> {
  const admin = new Kafka({
    clientId: 'test-instances',
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([`${service}${process.env.KAFKA_GROUP_SUFFIX ?? ''}`]);
    return groups[0].members.map((member) => {
      const { assignment } = AssignerProtocol.MemberAssignment.decode(member.memberAssignment)!;
      return Object.entries(assignment).flatMap(([topic, partitions]) => partitions.map((p) => `${topic}:${p}`));
    });
  } finally {
    await admin.disconnect();
  }
}

/**
 * `INSTANCES=2`: two processes of every service (deploy/local/services.js, as `npm start` runs
 * them) on the test system's databases and consumer groups, the gateway taking each service's
 * instances in turn. A fair day's work through it: each consumer group is split between the
 * two, both apply events, hires of the same seats through both matchers never exceed them, the
 * matching run is done once, and the services' books agree.
 */
describe('two instances of every service', () => {
  const { options, env } = JSON.parse(process.env.TEST_SYSTEM_LAYOUT!);
  let instances: Record<ServiceName, Instance[]>;
  let admin: ApiClient;
  let staff: ApiClient;

  beforeAll(async () => {
    ({ instances } = (await supervisor.start({ ...options, instances: 2 }, env)) as unknown as {
      instances: Record<ServiceName, Instance[]>;
    });
    [admin, staff] = await Promise.all([asAdmin(), asNewUser('staff')]);
  }, 300000);

  afterAll(async () => {
    await supervisor.start({ ...options, instances: 1 }, env);
  }, 300000);

  it('splits the consumer groups, never gives more seats than there are, runs a matching once, and the books agree', async () => {
    const consumers = [...instances.matcher, ...instances.fairs];
    const before = await Promise.all(consumers.map(appliedEvents));

    const employerId = await registerEmployer(admin, 'KR');
    const scenario = await matchAtFair(
      admin,
      staff,
      [{ employerId, positions: SEEKERS, country: 'KR', sector: 'agriculture' }],
      Array(SEEKERS).fill('Nghe An'),
    );
    const [openingId] = scenario.openingIds;
    expect(scenario.matches).toHaveLength(SEEKERS);

    // The run was done once, by one of the two matchers: requested, started, completed, and one set of matches.
    const runId = (await staff.get(`/matches/${scenario.matches[0].id}`)).body.runId;
    const { run, proposed } = await withServiceDatabase('matcher', async (db) => ({
      run: await db.collection('runs').findOne({ _id: runId }),
      proposed: await db.collection('matches').find({ runId }).toArray(),
    }));
    expect([run?.status, run?.version]).toEqual(['completed', 3]);
    expect(new Set(proposed.map((m) => m.seekerId)).size).toBe(proposed.length);
    expect(proposed).toHaveLength(SEEKERS);

    // More approved matches than seats: the employer cuts the opening to SEATS after the review.
    await approve(staff, scenario.matches);
    expect((await admin.patch(`/openings/${openingId}`, { positions: SEATS })).status).toBe(200);
    await eventually(async () => {
      const view = await withServiceDatabase('matcher', (db) => db.collection('openings').findOne({ _id: openingId as never }));
      expect(view?.opening.positions).toBe(SEATS);
    });

    // Through both gateways, each taking the two matchers in turn.
    const gateways = [staff, new ApiClient(`${instances.gateway[1].url}/api`, staff.token)];
    const attempts = scenario.matches.flatMap((match) => Array(ATTEMPTS_PER_MATCH).fill(match.id) as string[]);
    const answers = await Promise.all(attempts.map((matchId, i) => gateways[i % 2].post('/placements', { matchId })));
    const hired = new Set(answers.filter((a) => a.status === 201 || a.status === 200).map((a) => a.body.id as string));
    expect(answers.every((a) => [200, 201, 409].includes(a.status))).toBe(true);
    expect(hired.size).toBe(SEATS);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(SEATS);

    const placements = await staff.get(`/placements?openingId=${openingId}&limit=100`);
    expect(placements.body.items.map((p: { id: string }) => p.id).sort()).toEqual([...hired].sort());
    const seats = await withServiceDatabase('matcher', (db) => db.collection('opening_seats').findOne({ _id: openingId as never }));
    expect([...seats!.firstTime, ...seats!.returning].map((s: { placementId: string }) => s.placementId).sort()).toEqual([...hired].sort());

    // The books of the other services, fed by both instances' consumers, agree with the matcher's.
    await eventually(async () => {
      expect((await admin.get(`/openings/${openingId}`)).body.filled).toBe(SEATS);
      expect((await staff.get(`/fairs/${scenario.fairId}/stats`)).body.placements).toBe(SEATS);
    }, 60000);

    // Each group has the two instances as members, sharing its partitions; each instance applied some of the day's events.
    for (const service of ['matcher', 'fairs', 'employers', 'seekers'] as const) {
      const members = await groupMembers(service);
      expect([service, members.length, members.every((partitions) => partitions.length > 0)]).toEqual([service, 2, true]);
      const all = members.flat();
      expect(new Set(all).size).toBe(all.length);
    }
    const after = await Promise.all(consumers.map(appliedEvents));
    expect(consumers.map((c, i) => [c.id, after[i] > before[i]])).toEqual(consumers.map((c) => [c.id, true]));
  }, 600000);
});
