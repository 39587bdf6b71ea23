import { ConflictException, Logger, ServiceUnavailableException } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import mongoose from 'mongoose';
import { PlacementHired, PlacementSnapshot, Topics } from '@jobfair/contracts';
import { EventPublisher } from '../event-publisher';
import { MessagingOptions } from '../messaging.options';
import { newEvent } from '../new-event';
import { ConsumerState } from './consumer-state';
import { EventDispatcher, PoisonEventError, isPoison, on } from './event-dispatcher';

/** Pure unit test of the retry policy: the publisher records dead letters instead of sending them. */
describe('EventDispatcher', () => {
  const options: MessagingOptions = {
    service: 'unit',
    brokers: [],
    groupId: 'unit',
    retryBackoffMs: 2,
    retryMaxBackoffMs: 8,
    outboxSweepMs: 1000,
    security: {},
    topics: { create: true, partitions: 1, replicationFactor: -1 },
    outbox: { batchMaxMessages: 500, batchMaxBytes: 900 * 1024, leaseMs: 30000, retryMaxMs: 60000 },
  };
  const placement: PlacementSnapshot = {
    id: 'p-1',
    seekerId: 's-1',
    openingId: 'o-1',
    employerId: 'e-1',
    quotaClass: 'firstTime',
    matchId: 'p-1',
    status: 'hired',
    at: '2026-12-01T08:00:00Z',
  };
  const envelope = newEvent(PlacementHired, { source: 'matcher', aggregateId: 'p-1', aggregateVersion: 1, data: placement });
  let state: ConsumerState;
  let deadLetters: { topic: string; headers: Record<string, string> }[];
  let heartbeats: number;
  let dispatcher: EventDispatcher;

  const context = () =>
    new KafkaContext([
      { key: 'p-1', value: JSON.stringify(envelope), offset: '7', headers: {} } as never,
      0,
      Topics.placement,
      {} as never,
      async () => void heartbeats++,
      {} as never,
    ]);
  /** A handler that fails with `error` the first `failures` times. */
  const failing = (failures: number, error: () => Error) => {
    let calls = 0;
    const handler = jest.fn(async () => {
      if (++calls <= failures) throw error();
    });
    return handler;
  };

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    state = new ConsumerState();
    deadLetters = [];
    heartbeats = 0;
    const publisher = {
      send: async (topic: string, messages: { headers: Record<string, string> }[]) => {
        deadLetters.push(...messages.map((m) => ({ topic, headers: m.headers })));
      },
    } as unknown as EventPublisher;
    dispatcher = new EventDispatcher(publisher, state, options);
  });

  it('keeps retrying a transient failure (the database away) well past the old 4 attempts, then applies it; nothing is dead-lettered', async () => {
    const unreachable = () => new mongoose.mongo.MongoServerSelectionError('connect ECONNREFUSED 127.0.0.1:27017', {} as never);
    const handler = failing(12, unreachable);
    const stalledDuring: (string | undefined)[] = [];
    const watch = setInterval(() => stalledDuring.push(state.stalled), 1);
    await dispatcher.dispatch(context(), envelope, [on(PlacementHired, handler)]);
    clearInterval(watch);
    expect(handler).toHaveBeenCalledTimes(13);
    expect(deadLetters).toEqual([]);
    expect(heartbeats).toBe(12);
    expect(stalledDuring.some((s) => s?.startsWith(`${Topics.placement}[0]@7: connect ECONNREFUSED`))).toBe(true);
    expect(state.stalled).toBeUndefined();
  });

  it('caps the backoff: 12 retries take about 2+4+8*10 ms, not 2^12', async () => {
    const started = Date.now();
    await dispatcher.dispatch(context(), envelope, [
      on(
        PlacementHired,
        failing(12, () => new Error('socket hang up')),
      ),
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('sends poison to the dead-letter topic at once, with its reason', async () => {
    for (const error of [
      () => new PoisonEventError('opening o-1 is closed'),
      () => new ConflictException('opening o-1 is closed'),
      () => new mongoose.Error.ValidationError(),
    ]) {
      deadLetters = [];
      const handler = failing(1, error);
      await dispatcher.dispatch(context(), envelope, [on(PlacementHired, handler)]);
      expect(handler).toHaveBeenCalledTimes(1);
      expect(deadLetters).toHaveLength(1);
      expect(deadLetters[0]).toMatchObject({ topic: `${Topics.placement}.dlt`, headers: { 'dlt-offset': '7', 'dlt-group': 'unit' } });
      expect(deadLetters[0].headers['dlt-reason']).toMatch(/^refused: /);
    }
  });

  it('dead-letters a message that fails its contract without calling the handler', async () => {
    const handler = jest.fn(async () => undefined);
    await dispatcher.dispatch(context(), { ...envelope, data: { ...placement, status: 'married' } }, [on(PlacementHired, handler)]);
    expect(handler).not.toHaveBeenCalled();
    expect(deadLetters[0].headers['dlt-reason']).toMatch(/invalid PlacementHired: data.status/);
  });

  it('gives up waiting at shutdown by throwing, so the offset stays uncommitted', async () => {
    const handler = failing(Infinity, () => new Error('connection closed'));
    const dispatched = dispatcher.dispatch(context(), envelope, [on(PlacementHired, handler)]);
    setTimeout(() => state.stopping.abort(), 30);
    await expect(dispatched).rejects.toThrow(/abort/i);
    expect(deadLetters).toEqual([]);
  });

  it('tells poison from transient failures', () => {
    expect(isPoison(new ServiceUnavailableException())).toBe(false);
    expect(isPoison(new mongoose.mongo.MongoNetworkError('connection reset'))).toBe(false);
    expect(isPoison(Object.assign(new mongoose.mongo.MongoServerError({ message: 'E11000 duplicate key' }), { code: 11000 }))).toBe(false);
    expect(isPoison(Object.assign(new mongoose.mongo.MongoServerError({ message: 'Document failed validation' }), { code: 121 }))).toBe(
      true,
    );
    expect(isPoison(new mongoose.Error.CastError('Number', 'x', 'filled'))).toBe(true);
  });
});
