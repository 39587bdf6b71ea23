/** MongoDB's code for a write that collides with a unique index (`_id` included). */
const DUPLICATE_KEY = 11000;

/**
 * Whether a database error is a unique-key collision: the guard this system relies on for
 * "exactly once" (an event id seen, an idempotency key used, a national ID registered).
 */
export function isDuplicateKeyError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === DUPLICATE_KEY;
}
