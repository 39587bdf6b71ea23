import { Arrivals } from './arrivals';

describe('Arrivals', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('wakes the waits for a seeker once its check-in is applied, with what was computed, and only those', async () => {
    const arrivals = new Arrivals<string>();
    const mine = arrivals.wait('fair:ana', 1000);
    const again = arrivals.wait('fair:ana', 1000);
    const other = arrivals.wait('fair:binh', 1000);
    arrivals.applied(new Map([['fair:ana', 'top openings']]));
    await expect(mine.ended).resolves.toEqual({ applied: true, computed: 'top openings' });
    await expect(again.ended).resolves.toEqual({ applied: true, computed: 'top openings' });
    jest.advanceTimersByTime(1000);
    await expect(other.ended).resolves.toEqual({ applied: false });
  });

  it('says when the check-in was applied without recommendations (the seeker not known yet)', async () => {
    const arrivals = new Arrivals<string>();
    const wait = arrivals.wait('fair:ana', 1000);
    arrivals.applied(new Map([['fair:ana', undefined]]));
    await expect(wait.ended).resolves.toEqual({ applied: true, computed: undefined });
  });

  it('ends a wait after its tick when nothing was applied here', async () => {
    const arrivals = new Arrivals<string>();
    const wait = arrivals.wait('fair:ana', 250);
    jest.advanceTimersByTime(249);
    arrivals.applied(new Map([['fair:binh', 'x']]));
    jest.advanceTimersByTime(1);
    await expect(wait.ended).resolves.toEqual({ applied: false });
  });

  it('a cancelled wait is neither woken nor ticked, and leaves no timer', async () => {
    const arrivals = new Arrivals<string>();
    const wait = arrivals.wait('fair:ana', 250);
    wait.cancel();
    arrivals.applied(new Map([['fair:ana', 'x']]));
    expect(jest.getTimerCount()).toBe(0);
    const settled = await Promise.race([wait.ended, Promise.resolve('pending')]);
    expect(settled).toBe('pending');
  });
});
