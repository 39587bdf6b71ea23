/** How a wait for a seeker's recommendations ended: applied here (with what was computed, if anything), or its tick. */
export type WaitEnd<T> = { applied: true; computed?: T } | { applied: false };

export interface ArrivalWait<T> {
  readonly ended: Promise<WaitEnd<T>>;
  cancel(): void;
}

/**
 * Wakes the requests waiting for a seeker's recommendations once this process has applied the
 * seeker's check-in, handing them what it computed (nothing when it could not), so a desk is
 * answered the moment they are stored instead of asking again and again. A wait also ends on
 * its own after a tick: another instance may have applied the check-in, and only the database tells.
 */
export class Arrivals<T> {
  private readonly waiting = new Map<string, Set<(computed?: T) => void>>();

  wait(id: string, tickMs: number): ArrivalWait<T> {
    let wake!: (computed?: T) => void;
    let timer: NodeJS.Timeout | undefined;
    const ended = new Promise<WaitEnd<T>>((resolve) => {
      wake = (computed?: T) => {
        this.forget(id, wake);
        clearTimeout(timer);
        resolve({ applied: true, computed });
      };
      timer = setTimeout(() => {
        this.forget(id, wake);
        resolve({ applied: false });
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

  /** The check-ins applied, by id, with what was computed for each (undefined: nothing). */
  applied(results: Map<string, T | undefined>): void {
    for (const [id, computed] of results) for (const wake of [...(this.waiting.get(id) ?? [])]) wake(computed);
  }

  private forget(id: string, wake: (computed?: T) => void): void {
    const waiters = this.waiting.get(id);
    waiters?.delete(wake);
    if (waiters?.size === 0) this.waiting.delete(id);
  }
}
