import { ConsoleLogger, Module } from '@nestjs/common';
import { MongooseModule, Prop, Schema, SchemaFactory, getModelToken } from '@nestjs/mongoose';
import { Test, TestingModule } from '@nestjs/testing';
import { context, trace } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { Model } from 'mongoose';
import { randomUUID } from 'crypto';
import { EmployerRegistered, EmployerSnapshot, EventEnvelope, Topics } from '@jobfair/contracts';
import { KafkaProbe, TcpDoor, eventually } from '@jobfair/testing';
import { EventPublisher } from '../event-publisher';
import { MessagingModule } from '../messaging.module';
import { newEvent } from '../new-event';
import { AggregateDocument } from './aggregate.schema';
import { AggregateRepository } from './aggregate-repository';
import { OutboxRelay } from './outbox-relay';

@Schema({ collection: 'outbox_test', versionKey: false })
class TestEmployer extends AggregateDocument {
  @Prop({ required: true }) name!: string;
}
const TestEmployerSchema = SchemaFactory.createForClass(TestEmployer);
const snapshot = (e: TestEmployer): EmployerSnapshot => ({ id: e._id, name: e.name, kind: 'domestic', country: 'VN' });
const LIMITS = { batchMaxMessages: 500, batchMaxBytes: 900 * 1024, leaseMs: 30000, retryMaxMs: 60000 };
/** The local broker: no TLS or SASL; topics as a service would create them. */
const LOCAL = { security: {}, topics: { create: true, partitions: 3, replicationFactor: -1 } };

describe('outbox relay against the real broker and database', () => {
  const broker = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',')[0];
  let door: TcpDoor;
  let app: TestingModule;
  let repository: AggregateRepository<TestEmployer, EmployerSnapshot>;
  let model: Model<TestEmployer>;
  let probe: KafkaProbe;

  beforeAll(async () => {
    // As a service registers it at start-up: span ids and the W3C propagator.
    new NodeTracerProvider().register();
    door = await TcpDoor.to(broker);
    @Module({
      imports: [
        MongooseModule.forRoot(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017', {
          dbName: `test_outbox_${Date.now()}`,
          directConnection: true,
        }),
        MongooseModule.forFeature([{ name: TestEmployer.name, schema: TestEmployerSchema }]),
        MessagingModule.forRootAsync({
          useFactory: () => ({
            service: 'outbox-test',
            brokers: [`127.0.0.1:${door.port}`],
            groupId: 'outbox-test',
            sessionTimeoutMs: 10000,
            retryBackoffMs: 10,
            retryMaxBackoffMs: 100,
            batchMaxEvents: 500,
            outboxSweepMs: 300,
            outbox: LIMITS,
            ...LOCAL,
          }),
        }),
      ],
    })
    class OutboxTestModule {}
    app = await Test.createTestingModule({ imports: [OutboxTestModule] })
      // The producer reports every refused connection while the door is shut: expected here, and noise.
      .setLogger(new ConsoleLogger('outbox-test', { logLevels: ['fatal'] }))
      .compile();
    await app.init();
    model = app.get(getModelToken(TestEmployer.name));
    repository = new AggregateRepository(model, app.get(OutboxRelay), snapshot);
    probe = await KafkaProbe.open([Topics.employer]);
  });

  afterAll(async () => {
    await probe.close();
    await model.db.dropDatabase();
    await app.close();
    await door.close();
  });

  it('keeps an event written while the broker is down, with the trace of the write, and publishes it once the broker is back', async () => {
    const id = randomUUID();
    const write = trace.getTracer('test').startSpan('the write');
    await context.with(trace.setSpan(context.active(), write), () =>
      repository.create({ _id: id, name: 'written while Kafka is down' }, EmployerRegistered),
    );
    write.end();
    const { traceId, spanId } = write.spanContext();

    // The state change is stored, and its event waits in the same document with the write's trace context.
    const stored = await model.findById(id).lean();
    expect(stored?.name).toBe('written while Kafka is down');
    expect(stored?.outbox.map((e) => e.type)).toEqual(['EmployerRegistered']);
    expect(stored?.outbox[0].trace).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });

    await door.open();
    const message = await probe.waitFor((m) => m.key === id, 60000);
    expect(message.json).toMatchObject({
      type: 'EmployerRegistered',
      aggregateId: id,
      aggregateVersion: 1,
      data: { name: 'written while Kafka is down' },
    });
    // Sent later, out of the write's context: the message continues its trace (the relay's send span, a child
    // of the write) in the W3C header, and the envelope stays as the contract has it.
    expect(message.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-(?!${spanId})[0-9a-f]{16}-01$`));
    expect(message.json).not.toHaveProperty('trace');
    await eventually(async () => expect((await model.findById(id).lean())?.outbox).toEqual([]));
  }, 90000);

  it('publishes right after the write when the broker is up, and versions each change', async () => {
    const id = randomUUID();
    await repository.create({ _id: id, name: 'first' }, EmployerRegistered);
    await repository.update(id, () => ({ set: { name: 'second' }, event: EmployerRegistered }));
    const second = await probe.waitFor((m) => m.key === id && m.json?.aggregateVersion === 2);
    expect(second.json.data.name).toBe('second');
    expect(probe.events((m) => m.key === id).map((m) => m.json.aggregateVersion)).toEqual([1, 2]);
  });

  it('sends a new aggregate as written, leased to its relay in the same write; one changed before its pass goes out in order too', async () => {
    const [created, changed] = [randomUUID(), randomUUID()];
    // One batch: both creations and the change reach the same pass.
    await app.get(OutboxRelay).inOneBatch(async () => {
      await repository.create({ _id: created, name: 'created' }, EmployerRegistered);
      await repository.create({ _id: changed, name: 'first' }, EmployerRegistered);
      expect((await model.findById(changed, { outboxLease: 1 }).lean())?.outboxLease).toEqual({
        claim: expect.any(String),
        until: expect.any(Date),
      });
      await repository.update(changed, () => ({ set: { name: 'second' }, event: EmployerRegistered }));
    });
    await probe.waitFor((m) => m.key === changed && m.json?.aggregateVersion === 2);
    await probe.waitFor((m) => m.key === created);
    expect(probe.events((m) => m.key === changed).map((m) => m.json.data.name)).toEqual(['first', 'second']);
    await eventually(async () => {
      const left = await model.find({ _id: { $in: [created, changed] } }, { outbox: 1, outboxLease: 1 }).lean();
      expect(left.map((doc) => [doc.outbox.length, doc.outboxLease])).toEqual([
        [0, undefined],
        [0, undefined],
      ]);
    });
  });

  it('refuses a stale writer: two concurrent updates of one version both land, one after the other', async () => {
    const id = randomUUID();
    await repository.create({ _id: id, name: 'start' }, EmployerRegistered);
    await Promise.all([
      repository.update(id, (current) => ({ set: { name: `${current.name}+a` }, event: EmployerRegistered })),
      repository.update(id, (current) => ({ set: { name: `${current.name}+b` }, event: EmployerRegistered })),
    ]);
    const final = await model.findById(id).lean();
    expect(final?.version).toBe(3);
    expect(final?.name.split('+').sort()).toEqual(['a', 'b', 'start']);
  });
});

/**
 * Watches what the relays hand to the real publisher: which aggregates are being sent
 * at this moment (by any relay) and how large each batch is.
 */
class WatchedPublisher {
  readonly batches: EventEnvelope<object>[][] = [];
  readonly overlaps: string[] = [];
  private readonly sending = new Map<string, number>();
  constructor(private readonly real: EventPublisher) {}

  async publish(events: EventEnvelope<object>[]): Promise<void> {
    this.batches.push(events);
    const ids = [...new Set(events.map((e) => e.aggregateId))];
    for (const id of ids) {
      if (this.sending.get(id)) this.overlaps.push(id);
      this.sending.set(id, (this.sending.get(id) ?? 0) + 1);
    }
    try {
      await new Promise((resolve) => setTimeout(resolve, 5)); // a send takes a moment: room for a second relay to interfere
      await this.real.publish(events);
    } finally {
      for (const id of ids) this.sending.set(id, this.sending.get(id)! - 1);
    }
  }
}

describe('outbox relays sharing one collection: leases, order, bounded batches, refused documents', () => {
  const limits = { batchMaxMessages: 7, batchMaxBytes: 64 * 1024, leaseMs: 1500, retryMaxMs: 1000 };
  const sweepMs = 100;
  let app: TestingModule;
  let model: Model<TestEmployer>;
  let probe: KafkaProbe;
  let watched: WatchedPublisher;
  let relayA: OutboxRelay;
  let relayB: OutboxRelay;

  const event = (id: string, version: number, name = `v${version}`) =>
    newEvent(EmployerRegistered, {
      source: 'outbox-test',
      aggregateId: id,
      aggregateVersion: version,
      data: snapshot({ _id: id, name } as TestEmployer),
    });
  /** Aggregates written while no relay ran: each with its events v1..vN waiting. */
  const written = async (count: number, versions: number) => {
    const ids = Array.from({ length: count }, () => randomUUID());
    await model.collection.insertMany(
      ids.map((id) => ({
        _id: id,
        name: 'x',
        version: versions,
        outbox: Array.from({ length: versions }, (_, i) => event(id, i + 1)),
      })) as never[],
    );
    return ids;
  };
  const firstSeenVersions = (id: string) => [...new Set(probe.events((m) => m.key === id).map((m) => m.json.aggregateVersion))];

  beforeAll(async () => {
    const options = {
      service: 'outbox-test',
      brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
      groupId: 'outbox-test',
      sessionTimeoutMs: 10000,
      retryBackoffMs: 10,
      retryMaxBackoffMs: 100,
      batchMaxEvents: 500,
      outboxSweepMs: sweepMs,
      outbox: limits,
      ...LOCAL,
    };
    @Module({
      imports: [
        MongooseModule.forRoot(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017', {
          dbName: `test_outbox_lease_${Date.now()}`,
          directConnection: true,
        }),
        MongooseModule.forFeature([{ name: TestEmployer.name, schema: TestEmployerSchema }]),
        MessagingModule.forRootAsync({ useFactory: () => options }),
      ],
    })
    class LeaseTestModule {}
    app = await Test.createTestingModule({ imports: [LeaseTestModule] }).compile();
    await app.init();
    model = app.get(getModelToken(TestEmployer.name));
    watched = new WatchedPublisher(app.get(EventPublisher));
    // Two relays as two service instances would have them; their sweeps are driven by the tests.
    [relayA, relayB] = [0, 1].map(() => new OutboxRelay(watched as unknown as EventPublisher, options));
    for (const relay of [relayA, relayB]) relay.watch(model);
    probe = await KafkaProbe.open([Topics.employer]);
  });

  afterAll(async () => {
    await probe.close();
    await model.db.dropDatabase();
    await app.close();
  });

  it('two relays never send one aggregate at the same time; its events reach the wire in version order, in bounded batches', async () => {
    const ids = await written(20, 4);
    let versions = 4;
    for (let round = 0; round < 3; round++) {
      await Promise.all([
        relayA.sweep(),
        relayB.sweep(),
        ...ids.map((id, i) => (i % 2 ? relayA : relayB).flush(model, id)),
        ...ids.map((id, i) => (i % 2 ? relayB : relayA).flush(model, id)),
      ]);
      // More changes arrive between the passes, as writers keep going.
      versions += 2;
      await Promise.all(
        ids.map((id) =>
          model.collection.updateOne(
            { _id: id } as never,
            { $set: { version: versions }, $push: { outbox: { $each: [event(id, versions - 1), event(id, versions)] } } } as never,
          ),
        ),
      );
    }
    await Promise.all([relayA.sweep(), relayB.sweep()]);

    const last = ids.at(-1)!;
    await probe.waitFor((m) => m.key === last && m.json?.aggregateVersion === versions);
    await eventually(async () => {
      for (const id of ids) expect([id, firstSeenVersions(id)]).toEqual([id, Array.from({ length: versions }, (_, i) => i + 1)]);
    });
    expect(watched.overlaps).toEqual([]);
    for (const batch of watched.batches) {
      expect(batch.length).toBeLessThanOrEqual(limits.batchMaxMessages);
      expect(batch.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0)).toBeLessThanOrEqual(limits.batchMaxBytes);
    }
    const left = await model.find({ _id: { $in: ids } }, { outbox: 1, outboxLease: 1 }).lean();
    expect(left.map((doc) => [doc.outbox.length, doc.outboxLease])).toEqual(ids.map(() => [0, undefined]));
  }, 60000);

  it('writes that arrive together share one pass: a claim and a Kafka request per bounded batch, not per write', async () => {
    const ids = await written(3 * limits.batchMaxMessages, 1);
    const before = watched.batches.length;
    // As many requests would, each right after its own write.
    expect(await Promise.all(ids.map((id) => relayA.flush(model, id)))).toEqual(ids.map(() => true));
    const batches = watched.batches.slice(before);
    expect(batches.flat().map((e) => e.aggregateId)).toEqual(expect.arrayContaining(ids));
    expect(batches).toHaveLength(3);
    // And one running pass at a time: the writes made meanwhile wait for the next one, which takes them all.
    const [first, ...later] = await written(1 + limits.batchMaxMessages, 1);
    const running = relayA.flush(model, first);
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([running, ...later.map((id) => relayA.flush(model, id))]);
    expect(watched.batches.slice(before + 3).map((batch) => batch.length)).toEqual([1, limits.batchMaxMessages]);
  });

  it('sets aside a document Kafka cannot take and sends the others; the refused one waits, doubling its wait', async () => {
    const ids = await written(10, 1);
    const tooLarge = randomUUID();
    const noContract = randomUUID();
    await model.collection.insertMany([
      // Larger than a batch may be (an event's contract does not bound every size): it can never go as it is.
      { _id: tooLarge, name: 'big', version: 1, outbox: [{ ...event(tooLarge, 1), data: { padding: 'x'.repeat(limits.batchMaxBytes) } }] },
      { _id: noContract, name: 'odd', version: 1, outbox: [{ ...event(noContract, 1), type: 'EmployerRenamedInTheFuture' }] },
    ] as never[]);
    const swept = Date.now();
    await relayA.sweep();

    await eventually(async () => {
      for (const id of ids) expect([id, firstSeenVersions(id)]).toEqual([id, [1]]);
    });
    for (const id of [tooLarge, noContract]) {
      const doc = await model.findById(id, { outbox: 1, outboxLease: 1 }).lean();
      expect([id, doc?.outbox.length, doc?.outboxLease?.failures, doc?.outboxLease?.claim]).toEqual([id, 1, 1, undefined]);
      // Set aside for twice the sweep interval after its first refusal.
      expect(new Date(doc!.outboxLease!.until).getTime()).toBeGreaterThanOrEqual(swept + 2 * sweepMs);
    }
    // Once its wait is over it is tried again (and refused again).
    await new Promise((resolve) => setTimeout(resolve, limits.retryMaxMs + 100));
    await relayB.sweep();
    expect((await model.findById(noContract, { outboxLease: 1 }).lean())?.outboxLease?.failures).toBe(2);
    expect(probe.events((m) => m.key === tooLarge || m.key === noContract)).toEqual([]);
  }, 60000);

  it('leaves a document another relay holds alone until that lease expires (the holder crashed)', async () => {
    const [id] = await written(1, 1);
    await model.collection.updateOne({ _id: id } as never, {
      $set: { outboxLease: { claim: 'a relay that crashed', until: new Date(Date.now() + limits.leaseMs) } },
    });
    await Promise.all([relayA.sweep(), relayB.flush(model, id)]);
    expect(watched.batches.flat().filter((e) => e.aggregateId === id)).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, limits.leaseMs + 100));
    await relayB.sweep();
    await probe.waitFor((m) => m.key === id);
    expect((await model.findById(id, { outbox: 1 }).lean())?.outbox).toEqual([]);
  }, 30000);
});
