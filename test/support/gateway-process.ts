import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { ApiClient } from '@jobfair/http-client';
import { eventually } from './eventually';
import { TEST_SYSTEM } from './system-config';

/** A gateway process of a test's own, beside the test system's, with settings the test chooses. */
export class GatewayProcess {
  readonly api: ApiClient;

  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    this.api = new ApiClient(`http://127.0.0.1:${port}/api`);
  }

  /** Started from dist/ on `3000 + offset + portShift`, with its own users database; resolves once ready. */
  static async start(portShift: number, settings: Record<string, string>): Promise<GatewayProcess> {
    const root = path.resolve(__dirname, '..', '..');
    const port = 3000 + TEST_SYSTEM.portOffset + portShift;
    const child = spawn(
      process.execPath,
      ['-r', path.join(root, 'deploy', 'register-paths.js'), path.join(root, 'dist', 'apps', 'gateway', 'src', 'main.js')],
      {
        cwd: root,
        stdio: 'ignore',
        env: {
          ...process.env,
          PORT: String(port),
          MONGODB_DB_PREFIX: `gateway${portShift}_${Date.now().toString(36)}_`,
          JWT_SECRET: TEST_SYSTEM.jwtSecret,
          ADMIN_PASSWORD: TEST_SYSTEM.adminPassword,
          ...settings,
        },
      },
    );
    const gateway = new GatewayProcess(port, child);
    await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200), 90000, 500);
    return gateway;
  }

  /** A bearer token of the test system's administrator, signed in through this gateway. */
  async adminToken(): Promise<string> {
    const answer = await this.api.post<{ accessToken: string }>('/auth/token', { username: 'admin', password: TEST_SYSTEM.adminPassword });
    return answer.body.accessToken;
  }

  stop(): void {
    this.child.kill('SIGTERM');
  }
}
