// Stops the containers jest-global-setup.ts started (none when the servers came from outside).
import type { StartedTestContainer } from 'testcontainers';
import { STARTED_CONTAINERS_KEY, SYSTEM_STARTED_KEY } from './jest-global-setup';

import { supervisor as services } from './supervisor';

export default async function globalTeardown(): Promise<void> {
  const system = (globalThis as Record<string, unknown>)[SYSTEM_STARTED_KEY];
  if (system && process.env.KEEP_SYSTEM !== '1') await services.stop(system);
  const started = (globalThis as Record<string, unknown>)[STARTED_CONTAINERS_KEY] as StartedTestContainer[] | undefined;
  if (!started?.length) return;
  await Promise.all(started.map((container) => container.stop()));
}
