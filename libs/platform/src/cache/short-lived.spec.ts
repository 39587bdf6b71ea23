import { ShortLivedCache } from './short-lived';

describe('ShortLivedCache', () => {
  afterEach(() => jest.useRealTimers());

  it('shares one read among callers until its time is up, then reads again', async () => {
    jest.useFakeTimers({ now: 0 });
    const cache = new ShortLivedCache<string>(1000);
    const read = jest.fn(async () => 'fair');
    await Promise.all([cache.get('f1', read), cache.get('f1', read)]);
    jest.setSystemTime(999);
    expect(await cache.get('f1', read)).toBe('fair');
    expect(read).toHaveBeenCalledTimes(1);
    jest.setSystemTime(1000);
    await cache.get('f1', read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('keeps neither nothing found nor a failed read', async () => {
    const cache = new ShortLivedCache<string>(60_000);
    const none = jest.fn(async () => null);
    expect(await cache.get('f1', none)).toBeNull();
    expect(await cache.get('f1', none)).toBeNull();
    expect(none).toHaveBeenCalledTimes(2);
    await expect(cache.get('f2', () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
    expect(await cache.get('f2', async () => 'back')).toBe('back');
  });

  it('reads again after delete or clear, and a read dropped meanwhile does not drop the newer one', async () => {
    const cache = new ShortLivedCache<string>(60_000);
    let fail!: (e: Error) => void;
    const first = cache.get('f1', () => new Promise<string>((_, reject) => (fail = reject)));
    cache.delete('f1');
    expect(await cache.get('f1', async () => 'second')).toBe('second');
    fail(new Error('late failure'));
    await expect(first).rejects.toThrow('late failure');
    const again = jest.fn(async () => 'third');
    expect(await cache.get('f1', again)).toBe('second');
    cache.clear();
    expect(await cache.get('f1', again)).toBe('third');
  });

  it('runs a thenable read (a database query) once for all its callers', async () => {
    const cache = new ShortLivedCache<string>(60_000);
    let runs = 0;
    const query = { then: (resolve: (v: string) => void) => resolve(`run ${++runs}`) } as PromiseLike<string>;
    expect(await cache.get('f1', () => query)).toBe('run 1');
    expect(await cache.get('f1', () => query)).toBe('run 1');
    expect(runs).toBe(1);
  });

  it('keeps nothing with no time to keep it', async () => {
    const cache = new ShortLivedCache<string>(0);
    const read = jest.fn(async () => 'fair');
    await cache.get('f1', read);
    await cache.get('f1', read);
    expect(read).toHaveBeenCalledTimes(2);
  });
});
