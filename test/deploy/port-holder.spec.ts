import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { eventually } from '@jobfair/testing';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { describePortHolder } = require('../../deploy/local/port-holder.js') as { describePortHolder(port: number): string };

/** A second checkout's `npm start` / `npm test` is told who holds the port it needs. */
describe('the holder of a busy port', () => {
  it('is named with its pid and the checkout it runs from', async () => {
    const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'other-checkout-'));
    fs.writeFileSync(path.join(checkout, 'package.json'), '{}');
    const server = spawn(
      process.execPath,
      ['-e', "require('net').createServer().listen(0, '127.0.0.1', function () { console.log(this.address().port) })"],
      {
        cwd: checkout,
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    try {
      const port = await new Promise<number>((resolve) => server.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))));
      const said = await eventually(() => {
        const text = describePortHolder(port);
        expect(text).toContain(`pid ${server.pid}`);
        return text;
      });
      expect(said).toBe(`port ${port} is held by pid ${server.pid} (node) of the checkout ${fs.realpathSync(checkout)}`);
    } finally {
      server.kill();
    }
  });
});
