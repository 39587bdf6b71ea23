import { fixIdleRequestQueueTimer, type RequestQueueState } from './kafka-request-queue';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as {
  new (options: object): RequestQueueState & { destroy(): void };
  prototype: RequestQueueState;
};

const silent = { debug: () => undefined, warn: () => undefined, error: () => undefined, info: () => undefined };
const newQueue = () =>
  new RequestQueue({
    maxInFlightRequests: 1,
    requestTimeout: 1000,
    enforceRequestTimeout: true,
    clientId: 'spec',
    broker: 'b:1',
    logger: silent,
  });

describe("kafkajs's request queue timer", () => {
  const original = RequestQueue.prototype.scheduleCheckPendingRequests;
  afterEach(() => (RequestQueue.prototype.scheduleCheckPendingRequests = original));

  it('as released, arms a timer with nothing waiting (the idle loop the fix removes)', () => {
    const queue = newQueue();
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
    queue.destroy();
  });

  it('fixed: no timer while nothing waits; one at the end of a throttle, or after the short interval, while a request waits', () => {
    fixIdleRequestQueueTimer();
    const queue = newQueue();
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();

    jest.useFakeTimers({ now: 1_000_000 });
    try {
      const check = jest.spyOn(queue, 'checkPendingRequests').mockImplementation(() => undefined);
      queue.pending.push({});
      queue.throttledUntil = Date.now() + 500;
      queue.scheduleCheckPendingRequests();
      expect(queue.throttleCheckTimeoutId).not.toBeNull();
      jest.advanceTimersByTime(499);
      expect(check).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      expect(check).toHaveBeenCalledTimes(1);
      expect(queue.throttleCheckTimeoutId).toBeNull();

      queue.throttledUntil = -1;
      queue.scheduleCheckPendingRequests();
      jest.advanceTimersByTime(10);
      expect(check).toHaveBeenCalledTimes(2);
    } finally {
      queue.destroy();
      jest.useRealTimers();
    }
  });
});
