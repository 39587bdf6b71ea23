const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until `check` passes (returns without throwing) and returns its value; rethrows
 * the last failure after the timeout. For effects that travel over Kafka.
 */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 20000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(intervalMs);
    }
  }
}
