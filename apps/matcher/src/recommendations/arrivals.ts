/** Why a wait for a seeker's recommendations ended. */
export type WaitEnd = 'applied' | 'tick';

export interface ArrivalWait {
  readonly ended: Promise<WaitEnd>;
  cancel(): void;
}

/**
 * Wakes the requests waiting for a seeker's recommendations once this process has applied the
 * seeker's check-in (whether or not it could compute them), so a desk is answered the moment they
 * are stored instead of asking again and again. A wait also ends on its own after a tick: another
 * instance may have applied the check-in, and only the database tells.
 */
export class Arrivals {
  private readonly waiting = new Map<string, Set<() => void>>();

  wait(id: string, tickMs: number): ArrivalWait {
    let wake!: () => void;
    let timer: NodeJS.Timeout | undefined;
    const ended = new Promise<WaitEnd>((resolve) => {
      wake = () => {
        this.forget(id, wake);
        clearTimeout(timer);
        resolve('applied');
      };
      timer = setTimeout(() => {
        this.forget(id, wake);
        resolve('tick');
      }, tickMs);
    });
    const waiters = this.waiting.get(id) ?? new Set();
    waiters.add(wake);
    this.waiting.set(id, waiters);
    return {
      ended,
      cancel: () => {
        this.forget(id, wake);
        clearTimeout(timer);
      },
    };
  }

  applied(ids: string[]): void {
    for (const id of ids) for (const wake of [...(this.waiting.get(id) ?? [])]) wake();
  }

  private forget(id: string, wake: () => void): void {
    const waiters = this.waiting.get(id);
    waiters?.delete(wake);
    if (waiters?.size === 0) this.waiting.delete(id);
  }
}
