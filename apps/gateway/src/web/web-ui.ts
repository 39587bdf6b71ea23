import { existsSync } from 'fs';
import { join } from 'path';
import type { NestExpressApplication } from '@nestjs/platform-express';

/**
 * Where the admin web UI's static files are. They have no build step, so tsc does not
 * copy them: they stay in the source tree. Beside this file when it runs from source
 * (ts-node, jest); from `dist/apps/gateway/src/web/` five levels up to the repository
 * root and back down into the same source folder (`npm start`, and the Docker image,
 * which copies that folder beside dist/).
 */
export function webUiDirectory(here = __dirname): string {
  const candidates = [join(here, 'public'), join(here, '../../../../../apps/gateway/src/web/public')];
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!found) throw new Error(`admin web UI files not found in ${candidates.join(' or ')}`);
  return found;
}

/** The admin web UI at `/`, on the same origin as `/api` (no CORS); files only, so `/api` is untouched. */
export function serveWebUi(app: NestExpressApplication): void {
  app.useStaticAssets(webUiDirectory(), { index: 'index.html' });
}
