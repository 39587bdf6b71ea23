import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { ServiceName } from '@jobfair/contracts';
import { eventually } from './eventually';
import { supervisor } from './supervisor';
import { TEST_SYSTEM } from './system-config';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * One more process of a service, from dist/, beside the test system's: on the default port
 * plus the test offset plus `portShift`, with the test system's environment (its databases,
 * consumer groups and secrets) unless `settings` say otherwise. Its log is in the test
 * system's log folder, named by the shift.
 */
export class ServiceProcess {
  readonly url: string;

  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async start(name: ServiceName, portShift: number, settings: Record<string, string>): Promise<ServiceProcess> {
    const base = supervisor.SERVICES.find((service) => service.name === name)!.port;
    const port = base + TEST_SYSTEM.portOffset + portShift;
    const layout = process.env.TEST_SYSTEM_LAYOUT ? JSON.parse(process.env.TEST_SYSTEM_LAYOUT).env : {};
    const logs = path.join(ROOT, '.local', 'logs', TEST_SYSTEM.tag);
    fs.mkdirSync(logs, { recursive: true });
    const log = fs.openSync(path.join(logs, `${name}+${portShift}.log`), 'a');
    const child = spawn(
      process.execPath,
      ['-r', path.join(ROOT, 'deploy', 'register-paths.js'), path.join(ROOT, 'dist', 'apps', name, 'src', 'main.js')],
      { cwd: ROOT, stdio: ['ignore', log, log], env: { ...process.env, ...layout, PORT: String(port), ...settings } },
    );
    fs.closeSync(log);
    const started = new ServiceProcess(port, child);
    await eventually(async () => expect((await fetch(`${started.url}/health/ready`)).status).toBe(200), 120000, 500);
    return started;
  }

  /** Ends it (SIGTERM: it leaves its consumer group) and waits until it has exited. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGTERM');
    await exited;
  }
}
