import { Arrivals } from './arrivals';

describe('Arrivals', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('wakes the waits for a seeker once its check-in is applied, and only those', async () => {
    const arrivals = new Arrivals();
    const mine = arrivals.wait('fair:ana', 1000);
    const again = arrivals.wait('fair:ana', 1000);
    const other = arrivals.wait('fair:binh', 1000);
    arrivals.applied(['fair:ana']);
    await expect(mine.ended).resolves.toBe('applied');
    await expect(again.ended).resolves.toBe('applied');
    jest.advanceTimersByTime(1000);
    await expect(other.ended).resolves.toBe('tick');
  });

  it('ends a wait after its tick when nothing was applied here', async () => {
    const arrivals = new Arrivals();
    const wait = arrivals.wait('fair:ana', 250);
    jest.advanceTimersByTime(249);
    arrivals.applied(['fair:binh']);
    jest.advanceTimersByTime(1);
    await expect(wait.ended).resolves.toBe('tick');
  });

  it('a cancelled wait is neither woken nor ticked, and leaves no timer', async () => {
    const arrivals = new Arrivals();
    const wait = arrivals.wait('fair:ana', 250);
    wait.cancel();
    arrivals.applied(['fair:ana']);
    expect(jest.getTimerCount()).toBe(0);
    const settled = await Promise.race([wait.ended, Promise.resolve('pending')]);
    expect(settled).toBe('pending');
  });
});
