import type { EachBatchPayload } from 'kafkajs';

/** What of a batch's payload a commit needs: both reach the consumer group's current generation, whichever batch they came with. */
export type CommitAccess = Pick<EachBatchPayload, 'commitOffsetsIfNecessary' | 'uncommittedOffsets'>;

/**
 * Commits the offsets the dispatcher marked done at most once per interval, instead of after
 * every batch as kafkajs's auto-commit does whatever its interval says (at a few events a
 * second each event cost a commit request and a write of the broker's offsets log, on the way
 * to the partition's next fetch). A partition that falls quiet is committed when the interval
 * ends. What is done and not yet committed comes back after a crash or a rebalance, at most an
 * interval's worth (handlers are idempotent); a consumer that stops commits it before it
 * leaves the group. An interval of 0 commits after every batch.
 */
export class OffsetCommits {
  private access?: CommitAccess;
  private lastCommitAt = 0;
  private timer?: NodeJS.Timeout;
  /** The commit in flight: the next waits for it, so a later (higher) offset never arrives first. */
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly intervalMs: number,
    /**
     * A commit from the timer has no batch to fail: it is reported here, and what it held is
     * committed after the next batch or at the stop (a consumer restarted after a crash is
     * another group member: its predecessor's commits could only fail again).
     */
    private readonly onLateFailure: (error: Error) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** At the end of a batch: commits when the interval is over, else makes sure a commit comes when it is. */
  afterBatch(access: CommitAccess): Promise<void> {
    this.access = access;
    const wait = this.lastCommitAt + this.intervalMs - this.now();
    if (wait <= 0) return this.flush();
    this.schedule(wait);
    return Promise.resolve();
  }

  /** Commits everything marked done so far (the stop path, and the end of an interval). */
  flush(access = this.access): Promise<void> {
    this.access = access;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lastCommitAt = this.now();
    const commit = this.inFlight.catch(() => undefined).then(() => access?.commitOffsetsIfNecessary(access.uncommittedOffsets()));
    this.inFlight = commit;
    return commit;
  }

  /** Stops the timer (the consumer is gone: nothing left to commit to). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(wait: number): void {
    // Not keeping the process alive: stopping commits on its own path.
    this.timer ??= setTimeout(() => this.flush().catch(this.onLateFailure), wait).unref();
  }
}
