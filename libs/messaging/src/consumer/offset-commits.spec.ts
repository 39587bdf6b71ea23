import { CommitAccess, OffsetCommits } from './offset-commits';

/** A consumer group's offsets as kafkajs keeps them: what the dispatcher resolved, and what was committed of it. */
function consumerGroup() {
  const group = {
    resolved: 0,
    commits: [] as number[],
    failNext: false,
    access: {
      uncommittedOffsets: () => ({
        topics: group.resolved ? [{ topic: 't', partitions: [{ partition: 0, offset: String(group.resolved) }] }] : [],
      }),
      commitOffsetsIfNecessary: async (offsets?: { topics: { partitions: { offset: string }[] }[] }) => {
        if (group.failNext) {
          group.failNext = false;
          throw new Error('coordinator not available');
        }
        for (const { partitions } of offsets?.topics ?? []) group.commits.push(...partitions.map((p) => Number(p.offset)));
      },
    } as unknown as CommitAccess,
  };
  return group;
}

describe('OffsetCommits', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('with an interval of 0, commits at the end of every batch', async () => {
    const group = consumerGroup();
    const commits = new OffsetCommits(0, () => undefined);
    for (const offset of [1, 2, 3]) {
      group.resolved = offset;
      await commits.afterBatch(group.access);
    }
    expect(group.commits).toEqual([1, 2, 3]);
  });

  it('commits the first batch at once, then once per interval whatever the number of batches in between', async () => {
    const group = consumerGroup();
    const commits = new OffsetCommits(1000, () => undefined);
    group.resolved = 1;
    await commits.afterBatch(group.access);
    expect(group.commits).toEqual([1]);

    for (const offset of [2, 3, 4]) {
      jest.advanceTimersByTime(100);
      group.resolved = offset;
      await commits.afterBatch(group.access);
    }
    expect(group.commits).toEqual([1]);

    // The partition falls quiet: the end of the interval commits what the last batch finished.
    await jest.advanceTimersByTimeAsync(700);
    expect(group.commits).toEqual([1, 4]);
    await jest.advanceTimersByTimeAsync(5000);
    expect(group.commits).toEqual([1, 4]); // nothing new was done: no further commit
  });

  it('a batch ending after the interval commits itself and the timer then commits nothing twice', async () => {
    const group = consumerGroup();
    const commits = new OffsetCommits(1000, () => undefined);
    group.resolved = 1;
    await commits.afterBatch(group.access);
    jest.setSystemTime(Date.now() + 1500); // a long batch: the timer has not fired yet
    group.resolved = 2;
    await commits.afterBatch(group.access);
    expect(group.commits).toEqual([1, 2]);
    await jest.advanceTimersByTimeAsync(3000);
    expect(group.commits).toEqual([1, 2]);
  });

  it('reports a failed commit of the timer; the next batch after the interval commits what it held', async () => {
    const group = consumerGroup();
    const failures: string[] = [];
    const commits = new OffsetCommits(1000, (error) => failures.push(error.message));
    group.resolved = 1;
    await commits.afterBatch(group.access);
    group.resolved = 2;
    await commits.afterBatch(group.access);
    group.failNext = true;
    await jest.advanceTimersByTimeAsync(1000);
    expect(failures).toEqual(['coordinator not available']);
    expect(group.commits).toEqual([1]);
    await jest.advanceTimersByTimeAsync(5000);
    expect(group.commits).toEqual([1]); // no retry of its own

    group.resolved = 3;
    await commits.afterBatch(group.access);
    expect(group.commits).toEqual([1, 3]);
  });

  it('flush commits at once (the stop path), after a commit still in flight, and cancels the pending timer', async () => {
    const group = consumerGroup();
    const order: string[] = [];
    let release!: () => void;
    const slow: CommitAccess = {
      ...group.access,
      commitOffsetsIfNecessary: async () => {
        order.push('slow started');
        await new Promise<void>((resolve) => (release = resolve));
        order.push('slow ended');
      },
    };
    const commits = new OffsetCommits(1000, () => undefined);
    group.resolved = 1;
    const first = commits.afterBatch(slow);
    await Promise.resolve();
    group.resolved = 2;
    const stop = commits.flush(group.access).then(() => order.push(`flushed ${group.commits.join()}`));
    await Promise.resolve();
    expect(order).toEqual(['slow started']);
    release();
    await Promise.all([first, stop]);
    expect(order).toEqual(['slow started', 'slow ended', 'flushed 2']);

    group.resolved = 3;
    jest.advanceTimersByTime(10);
    await commits.afterBatch(group.access); // within the interval: a timer is armed
    commits.cancel();
    await jest.advanceTimersByTimeAsync(5000);
    expect(group.commits).toEqual([2]);
  });
});
