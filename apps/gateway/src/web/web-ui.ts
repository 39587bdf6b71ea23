import { existsSync } from 'fs';
import { dirname, join } from 'path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express } from 'express';

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

/**
 * Libraries the UI loads, from the installed packages: served by the gateway itself, as the
 * machines at a commune fair may have no internet (no CDN).
 */
const VENDOR_FILES: Record<string, { package: string; file: string }> = {
  // Chart.js: canvas charts of every kind the reports need (bars by category, lines), MIT, kept by a large project.
  // Its one-file build sits beside the package's main file (the package exports no path to it).
  'chart.umd.min.js': { package: 'chart.js', file: 'chart.umd.min.js' },
  // qrcode-generator (Kazuhiko Arase, MIT, no dependencies): the QR code on a seeker's profile that the check-in
  // desk's scanner reads. Its main file, which defines the global `qrcode`; the console draws the modules itself (SVG).
  'qrcode.js': { package: 'qrcode-generator', file: 'qrcode.js' },
};

/** The admin web UI at `/`, on the same origin as `/api` (no CORS); files only, so `/api` is untouched. */
export function serveWebUi(app: NestExpressApplication): void {
  app.useStaticAssets(webUiDirectory(), { index: 'index.html' });
  const server = app.getHttpAdapter().getInstance() as Express;
  for (const [name, file] of Object.entries(VENDOR_FILES)) {
    const path = join(dirname(require.resolve(file.package)), file.file);
    server.get(`/vendor/${name}`, (_req, res) => res.sendFile(path));
  }
}
