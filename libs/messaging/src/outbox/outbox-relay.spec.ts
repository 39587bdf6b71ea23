import { ConsoleLogger, Module } from '@nestjs/common';
import { MongooseModule, Prop, Schema, SchemaFactory, getModelToken } from '@nestjs/mongoose';
import { Test, TestingModule } from '@nestjs/testing';
import { AddressInfo, Server, Socket, connect, createServer } from 'net';
import { Model } from 'mongoose';
import { randomUUID } from 'crypto';
import { EmployerRegistered, EmployerSnapshot, Topics } from '@jobfair/contracts';
import { KafkaProbe, eventually } from '@jobfair/testing';
import { MessagingModule } from '../messaging.module';
import { AggregateDocument } from './aggregate.schema';
import { AggregateRepository } from './aggregate-repository';
import { OutboxRelay } from './outbox-relay';

@Schema({ collection: 'outbox_test', versionKey: false })
class TestEmployer extends AggregateDocument {
  @Prop({ required: true }) name!: string;
}
const TestEmployerSchema = SchemaFactory.createForClass(TestEmployer);
const snapshot = (e: TestEmployer): EmployerSnapshot => ({ id: e._id, name: e.name, kind: 'domestic', country: 'VN' });

/**
 * A TCP relay in front of the real broker: while it is closed the service sees the
 * broker as down; opening it brings the broker back, without disturbing other tests.
 */
class BrokerDoor {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  constructor(readonly port: number, private readonly target: { host: string; port: number }) {}

  static async onFreePort(target: string): Promise<BrokerDoor> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const [host, targetPort] = target.split(':');
    return new BrokerDoor(port, { host, port: Number(targetPort) });
  }

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (this.server) await new Promise((resolve) => this.server!.close(resolve));
  }
}

describe('outbox relay against the real broker and database', () => {
  const broker = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',')[0];
  let door: BrokerDoor;
  let app: TestingModule;
  let repository: AggregateRepository<TestEmployer, EmployerSnapshot>;
  let model: Model<TestEmployer>;
  let probe: KafkaProbe;

  beforeAll(async () => {
    door = await BrokerDoor.onFreePort(broker);
    @Module({
      imports: [
        MongooseModule.forRoot(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017', {
          dbName: `test_outbox_${Date.now()}`, directConnection: true,
        }),
        MongooseModule.forFeature([{ name: TestEmployer.name, schema: TestEmployerSchema }]),
        MessagingModule.forRootAsync({
          useFactory: () => ({
            service: 'outbox-test', brokers: [`127.0.0.1:${door.port}`], groupId: 'outbox-test',
            retryBackoffMs: 10, retryMaxBackoffMs: 100, outboxSweepMs: 300,
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
    repository = new AggregateRepository(model, app.get(OutboxRelay), 'outbox-test', snapshot);
    probe = await KafkaProbe.open([Topics.employer]);
  });

  afterAll(async () => {
    await probe.close();
    await model.db.dropDatabase();
    await app.close();
    await door.close();
  });

  it('keeps an event written while the broker is down and publishes it once the broker is back', async () => {
    const id = randomUUID();
    await repository.create({ _id: id, name: 'written while Kafka is down' }, EmployerRegistered);

    // The state change is stored, and its event waits in the same document.
    const stored = await model.findById(id).lean();
    expect(stored?.name).toBe('written while Kafka is down');
    expect(stored?.outbox.map((e) => e.type)).toEqual(['EmployerRegistered']);

    await door.open();
    const message = await probe.waitFor((m) => m.key === id, 60000);
    expect(message.json).toMatchObject({ type: 'EmployerRegistered', aggregateId: id, aggregateVersion: 1, data: { name: 'written while Kafka is down' } });
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
