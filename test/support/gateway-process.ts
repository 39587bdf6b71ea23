import { ApiClient } from '@jobfair/http-client';
import { ServiceProcess } from './service-process';
import { TEST_SYSTEM } from './system-config';

/** A gateway process of a test's own, beside the test system's, with settings the test chooses. */
export class GatewayProcess {
  readonly api: ApiClient;

  private constructor(private readonly process: ServiceProcess) {
    this.api = new ApiClient(`${process.url}/api`);
  }

  get port(): number {
    return this.process.port;
  }

  /** Started from dist/ on `3000 + offset + portShift`, with its own users database; resolves once ready. */
  static async start(portShift: number, settings: Record<string, string>): Promise<GatewayProcess> {
    return new GatewayProcess(
      await ServiceProcess.start('gateway', portShift, {
        MONGODB_DB_PREFIX: `gateway${portShift}_${Date.now().toString(36)}_`,
        JWT_SECRET: TEST_SYSTEM.jwtSecret,
        ADMIN_PASSWORD: TEST_SYSTEM.adminPassword,
        ...settings,
      }),
    );
  }

  /** A bearer token of the test system's administrator, signed in through this gateway. */
  async adminToken(): Promise<string> {
    const answer = await this.api.post<{ accessToken: string }>('/auth/token', { username: 'admin', password: TEST_SYSTEM.adminPassword });
    return answer.body.accessToken;
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
