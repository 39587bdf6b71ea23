/**
 * kafkajs 2.2.4 (its last release) re-arms a timer on every broker connection about once a
 * millisecond while no request waits: `scheduleCheckPendingRequests` sets a timeout of
 * `throttledUntil - now`, negative when nothing is throttled, and the check it schedules
 * schedules the next (tulios/kafkajs#1556, #1704; the fix proposed in #1667 is unreleased).
 * Measured here: an idle service spent 57-80 ms of CPU a second, mostly in that loop.
 *
 * A check is only needed while a request waits: a request that can go is sent at once by
 * `push`, and each answer checks the queue again (`fulfillRequest`). So the timer is armed
 * only for waiting requests: at the end of a throttle, or after kafkajs's own short interval
 * when they wait for an in-flight slot and nothing else would look.
 */
// The module kafkajs's connections build their queues from: patched in place, before any client connects.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueueState };

/** kafkajs's own pause before a waiting request is looked at again when nothing throttles it. */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

export interface RequestQueueState {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

function scheduleCheckOfWaitingRequests(this: RequestQueueState): void {
  if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  this.throttleCheckTimeoutId = setTimeout(
    () => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    },
    untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS,
  );
}

/** Installs the fix once per process (idempotent); every Kafka client of the project is configured after it. */
export function fixIdleRequestQueueTimer(): void {
  RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckOfWaitingRequests;
}
