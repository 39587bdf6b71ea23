import { ApiClient } from '@jobfair/http-client';
import { eventually } from './eventually';
import { serviceUrl } from './system';

import { supervisor as services } from './supervisor';

import type { ServiceName } from '@jobfair/contracts';

function layout(): { options: object; env: Record<string, string> } {
  const raw = process.env.TEST_SYSTEM_LAYOUT;
  if (!raw) throw new Error('TEST_SYSTEM_LAYOUT is not set: run the tests with `npm test` (it starts the system)');
  return JSON.parse(raw);
}

/** Ends one service of the test system: gracefully (SIGTERM) or as a crash (SIGKILL). */
export async function stopService(name: ServiceName, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  await services.stop({ ...layout().options, only: [name], signal });
  await eventually(async () => {
    const down = await new ApiClient(serviceUrl(name)).get('/health').then(() => false, () => true);
    expect(down).toBe(true);
  });
}

/** Starts it again with the same configuration, and waits until it is ready. */
export async function startService(name: ServiceName): Promise<void> {
  const { options, env } = layout();
  await services.start({ ...options, only: [name] }, env);
}
