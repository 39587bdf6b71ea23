// Stops the containers jest-global-setup.ts started (none when the servers came from outside).
import type { StartedTestContainer } from 'testcontainers';
import { STARTED_CONTAINERS_KEY } from './jest-global-setup';

export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as Record<string, unknown>)[STARTED_CONTAINERS_KEY] as StartedTestContainer[] | undefined;
  if (!started?.length) return;
  await Promise.all(started.map((container) => container.stop()));
}
