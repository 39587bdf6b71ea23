import { ConflictException, Logger, ServiceUnavailableException } from '@nestjs/common';
import mongoose from 'mongoose';
import { PlacementCancelled, PlacementHired, PlacementSnapshot, Topics } from '@jobfair/contracts';
import { EventPublisher } from '../event-publisher';
import { MessagingOptions } from '../messaging.options';
import { newEvent } from '../new-event';
import { ConsumerState } from './consumer-state';
import { EventBatch } from './event-batch';
import { EventDispatcher, PoisonEventError, isPoison, on, onBatch } from './event-dispatcher';

/** Pure unit test of the retry policy and the batches: the publisher records dead letters instead of sending them. */
describe('EventDispatcher', () => {
  const options: MessagingOptions = {
    service: 'unit',
    brokers: [],
    groupId: 'unit',
    sessionTimeoutMs: 10000,
    retryBackoffMs: 2,
    retryMaxBackoffMs: 8,
    batchMaxEvents: 3,
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

  let done: string[];
  let active: boolean;
  /** A partition's fetch, from offset 7 on: what the transport gives the handler. */
  const batchOf = (...payloads: unknown[]): EventBatch => ({
    topic: Topics.placement,
    partition: 0,
    messages: payloads.map((payload, i) => ({ offset: String(7 + i), key: 'p-1', headers: {}, payload })),
    done: (offset) => void done.push(offset),
    heartbeat: async () => void heartbeats++,
    active: () => active,
  });
  const context = () => batchOf(envelope);
  /** The placement `id` hired at `version`. */
  const hired = (id: string, version = 1) =>
    newEvent(PlacementHired, { source: 'matcher', aggregateId: id, aggregateVersion: version, data: { ...placement, id, matchId: id } });
  const invalid = { ...envelope, data: { ...placement, status: 'married' } };
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
    done = [];
    active = true;
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
    await dispatcher.dispatch(context(), [on(PlacementHired, handler)]);
    clearInterval(watch);
    expect(handler).toHaveBeenCalledTimes(13);
    expect(deadLetters).toEqual([]);
    expect(heartbeats).toBe(12);
    expect(stalledDuring.some((s) => s?.startsWith(`${Topics.placement}[0]@7: connect ECONNREFUSED`))).toBe(true);
    expect(state.stalled).toBeUndefined();
    expect(done).toEqual(['7']);
  });

  it('caps the backoff: 12 retries take about 2+4+8*10 ms, not 2^12', async () => {
    const started = Date.now();
    await dispatcher.dispatch(context(), [
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
      await dispatcher.dispatch(context(), [on(PlacementHired, handler)]);
      expect(handler).toHaveBeenCalledTimes(1);
      expect(deadLetters).toHaveLength(1);
      expect(deadLetters[0]).toMatchObject({ topic: `${Topics.placement}.dlt`, headers: { 'dlt-offset': '7', 'dlt-group': 'unit' } });
      expect(deadLetters[0].headers['dlt-reason']).toMatch(/^refused: /);
    }
  });

  it('dead-letters a message that fails its contract without calling the handler', async () => {
    const handler = jest.fn(async () => undefined);
    await dispatcher.dispatch(batchOf(invalid), [on(PlacementHired, handler)]);
    expect(handler).not.toHaveBeenCalled();
    expect(deadLetters[0].headers['dlt-reason']).toMatch(/invalid PlacementHired: data.status/);
  });

  it('gives up waiting at shutdown by throwing, so the offset stays uncommitted', async () => {
    const handler = failing(Infinity, () => new Error('connection closed'));
    const dispatched = dispatcher.dispatch(context(), [on(PlacementHired, handler)]);
    setTimeout(() => state.stopping.abort(), 30);
    await expect(dispatched).rejects.toThrow(/abort/i);
    expect(deadLetters).toEqual([]);
    expect(done).toEqual([]);
  });

  describe('batches', () => {
    /** Records each call's placement ids; refuses a call holding `refused`, fails the first `failures` calls. */
    const batching = (options: { refused?: string; failures?: number } = {}) => {
      const calls: string[][] = [];
      let failures = options.failures ?? 0;
      const handler = jest.fn(async (envelopes: { data: PlacementSnapshot }[]) => {
        const ids = envelopes.map((e) => e.data.id);
        if (options.refused && ids.includes(options.refused)) throw new PoisonEventError(`placement ${options.refused} refused`);
        if (failures-- > 0) throw new mongoose.mongo.MongoNetworkError('connection reset');
        calls.push(ids);
      });
      return { calls, handler };
    };

    it('gives consecutive events of one handler to it in one call, at most batchMaxEvents, in order; each run marked done', async () => {
      const { calls, handler } = batching();
      await dispatcher.dispatch(batchOf(...['a', 'b', 'c', 'd', 'e'].map((id) => hired(id))), [onBatch(PlacementHired, handler)]);
      expect(calls).toEqual([
        ['a', 'b', 'c'],
        ['d', 'e'],
      ]);
      expect(done).toEqual(['9', '11']);
      expect(deadLetters).toEqual([]);
    });

    it('keeps one event per call for `on` handlers, and the order across handlers', async () => {
      const order: string[] = [];
      const one = jest.fn(async (e: { data: PlacementSnapshot }) => void order.push(`one:${e.data.id}`));
      const many = jest.fn(async (envelopes: { data: PlacementSnapshot }[]) => void order.push(`many:${envelopes.map((e) => e.data.id)}`));
      const cancelled = (id: string) =>
        newEvent(PlacementCancelled, {
          source: 'matcher',
          aggregateId: id,
          aggregateVersion: 2,
          data: { ...placement, id, status: 'cancelled' },
        });
      await dispatcher.dispatch(batchOf(hired('a'), hired('b'), cancelled('a'), cancelled('b'), hired('c')), [
        onBatch(PlacementHired, many),
        on(PlacementCancelled, one),
      ]);
      expect(order).toEqual(['many:a,b', 'one:a', 'one:b', 'many:c']);
    });

    it('a message failing its contract mid-batch: the events before it are applied, it is dead-lettered, the rest follow', async () => {
      const { calls, handler } = batching();
      await dispatcher.dispatch(batchOf(hired('a'), hired('b'), invalid, hired('c')), [onBatch(PlacementHired, handler)]);
      expect(calls).toEqual([['a', 'b'], ['c']]);
      expect(deadLetters.map((d) => d.headers['dlt-offset'])).toEqual(['9']);
      expect(deadLetters[0].headers['dlt-reason']).toMatch(/invalid PlacementHired: data.status/);
      expect(done).toEqual(['8', '9', '10']);
    });

    it('a poison event mid-batch: the handler gets them one at a time, only that one goes to the dead-letter topic, with its reason', async () => {
      const { calls, handler } = batching({ refused: 'b' });
      await dispatcher.dispatch(batchOf(hired('a'), hired('b'), hired('c')), [onBatch(PlacementHired, handler)]);
      expect(calls).toEqual([['a'], ['c']]);
      expect(deadLetters).toHaveLength(1);
      expect(deadLetters[0].headers).toMatchObject({ 'dlt-offset': '8', 'dlt-reason': 'refused: placement b refused' });
      expect(done).toEqual(['7', '8', '9']);
    });

    it('a transient failure mid-batch: what came before stays done, the failed run is retried whole (the partition waits), then the rest', async () => {
      const { calls, handler } = batching();
      let failures = 2;
      const flaky = jest.fn(async (envelopes: { data: PlacementSnapshot }[]) => {
        if (envelopes[0].data.id === 'd' && failures-- > 0) {
          expect(done).toEqual(['9']); // a, b, c are done before the wait
          throw new mongoose.mongo.MongoNetworkError('connection reset');
        }
        return handler(envelopes);
      });
      await dispatcher.dispatch(batchOf(...['a', 'b', 'c', 'd', 'e'].map((id) => hired(id))), [onBatch(PlacementHired, flaky)]);
      expect(calls).toEqual([
        ['a', 'b', 'c'],
        ['d', 'e'],
      ]);
      expect(flaky).toHaveBeenCalledTimes(4);
      expect(heartbeats).toBe(2);
      expect(deadLetters).toEqual([]);
      expect(done).toEqual(['9', '11']);
      expect(state.stalled).toBeUndefined();
    });

    it('stops where it is when the partition is taken away: nothing after it is applied or marked done', async () => {
      const { calls } = batching();
      const handler = jest.fn(async (envelopes: { data: PlacementSnapshot }[]) => {
        calls.push(envelopes.map((e) => e.data.id));
        active = false; // a rebalance while the first run was applied
      });
      await dispatcher.dispatch(batchOf(hired('a'), invalid, hired('b')), [onBatch(PlacementHired, handler)]);
      expect(calls).toEqual([['a']]);
      expect(deadLetters).toEqual([]);
      expect(done).toEqual(['7']);
    });

    it('marks ignored messages done with the batch (events of the topic this service does not need)', async () => {
      const { calls, handler } = batching();
      await dispatcher.dispatch(batchOf(hired('a'), hired('b')), [onBatch(PlacementCancelled, handler)]);
      expect(calls).toEqual([]);
      expect(done).toEqual(['8']);
    });

    it('passes by an event it does not take without checking its contract: the consumers that act on it dead-letter it', async () => {
      const { calls, handler } = batching();
      await dispatcher.dispatch(batchOf(invalid, hired('b')), [onBatch(PlacementCancelled, handler)]);
      expect([calls, deadLetters, done]).toEqual([[], [], ['8']]);
      await dispatcher.dispatch(batchOf(invalid), [onBatch(PlacementHired, handler)]);
      expect(deadLetters.map((letter) => letter.headers['dlt-reason'])).toEqual([
        expect.stringMatching(/invalid PlacementHired: data.status/),
      ]);
    });
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
