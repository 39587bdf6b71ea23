import { randomUUID } from 'crypto';
import { PlacementCancelled, PlacementHired, PlacementSnapshot, Topics, deadLetterTopic } from '@jobfair/contracts';
import {
  ApiClient,
  EventInjector,
  KafkaProbe,
  TcpDoor,
  asAdmin,
  eventually,
  placementIn,
  postEpsOpening,
  serviceUrl,
  startService,
  stopService,
} from '@jobfair/testing';

/**
 * The database of a consumer goes away while events flow (as when it is killed and
 * restarted): the consumer waits for it, says it is not ready meanwhile, and then
 * applies every fact in order. Nothing is dropped to the dead-letter topic.
 */
describe('faults: a consumer whose database is unreachable for a while', () => {
  /** Longer than the old policy needed to give up (4 attempts, each waiting up to 10 s for the database). */
  const OUTAGE_MS = 45000;
  let admin: ApiClient;
  let door: TcpDoor;
  let matcher: EventInjector;
  let probe: KafkaProbe;

  beforeAll(async () => {
    admin = await asAdmin();
    const database = new URL(process.env.MONGODB_URI!);
    door = await TcpDoor.to(database.host);
    await door.open();
    database.host = `127.0.0.1:${door.port}`;
    // The employers service reaches its database through the door; everyone else directly.
    await stopService('employers', 'SIGTERM');
    await startService('employers', { MONGODB_URI: database.toString() });
    matcher = await EventInjector.open();
    probe = await KafkaProbe.open([deadLetterTopic(Topics.placement)]);
  }, 120000);

  afterAll(async () => {
    await door.open().catch(() => undefined);
    await stopService('employers', 'SIGTERM');
    await startService('employers');
    await door.close();
    await matcher?.close();
    await probe?.close();
  }, 120000);

  it('keeps every hire and cancellation delivered while the database was away, applied once and in order; nothing dead-lettered', async () => {
    const opening = await postEpsOpening(admin, 'Busan Farms', 'greenhouse', 10);
    const placement = (id: string, status: PlacementSnapshot['status']) => placementIn(opening, status, id);
    const ids: string[] = [1, 2, 3, 4].map(() => randomUUID());

    await door.close();
    const cutAt = Date.now();
    // As the matcher would publish them: four hires, then the second one cancelled.
    await matcher.send(
      ...ids.map((id) => matcher.event(PlacementHired, 'matcher', 1, placement(id, 'hired'))),
      matcher.event(PlacementCancelled, 'matcher', 2, placement(ids[1], 'cancelled')),
    );

    // Meanwhile the consumer says why it is not ready.
    const employers = new ApiClient(serviceUrl('employers'));
    await eventually(async () => {
      const ready = await employers.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.error?.kafka?.consumer).toMatch(/^waiting for a dependency at matching\.placement\.v1\[\d\]@\d+: /);
    }, OUTAGE_MS);
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS - (Date.now() - cutAt)));

    await door.open();
    const reopenedAt = Date.now();
    await eventually(async () => expect((await admin.get(`/openings/${opening.openingId}`)).body).toMatchObject({ filled: 3 }), 60000, 250);
    await eventually(async () => expect((await employers.get('/health/ready')).status).toBe(200), 30000);
    process.stdout.write(
      `consumer-faults: database away ${reopenedAt - cutAt} ms; caught up ${Date.now() - reopenedAt} ms after it came back\n`,
    );

    // The dead-letter topic got nothing from this consumer for these placements.
    const group = `employers${process.env.KAFKA_GROUP_SUFFIX}`;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(probe.events((m) => m.headers['dlt-group'] === group && ids.includes(m.key ?? ''))).toEqual([]);
  }, 240000);
});
