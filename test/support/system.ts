import { randomBytes } from 'crypto';
import type { Role, ServiceName } from '@jobfair/contracts';
import { ApiClient } from '@jobfair/http-client';
import { TEST_SYSTEM } from './system-config';

/** URL of one service of the test system (set by the jest global setup). */
export function serviceUrl(name: ServiceName): string {
  const url = process.env[`${name.toUpperCase()}_URL`];
  if (!url) throw new Error(`${name.toUpperCase()}_URL is not set: run the tests with \`npm test\` (it starts the system)`);
  return url;
}

/** The one origin clients use: `<gateway>/api`. */
export function gateway(token?: string): ApiClient {
  return new ApiClient(`${serviceUrl('gateway')}/api`, token);
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** A national ID no other test uses (12 digits, like a Vietnamese citizen ID). */
export function uniqueNationalId(): string {
  return `0${BigInt(`0x${randomBytes(6).toString('hex')}`)
    .toString()
    .padStart(11, '0')
    .slice(-11)}`;
}

export async function tokenFor(username: string, password: string): Promise<string> {
  const response = await gateway().post('/auth/token', { username, password });
  if (response.status !== 200 && response.status !== 201) {
    throw new Error(`login as ${username} failed: ${response.status} ${response.text}`);
  }
  return response.body.accessToken;
}

export async function asAdmin(): Promise<ApiClient> {
  return gateway(await tokenFor(TEST_SYSTEM.adminUsername, TEST_SYSTEM.adminPassword));
}

/** Creates a user with the role through the gateway (as the admin) and returns a client logged in as it. */
export async function asNewUser(role: Role, employerId?: string): Promise<ApiClient> {
  const admin = await asAdmin();
  const username = uniqueName(role);
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const created = await admin.post('/users', { username, password, role, ...(employerId ? { employerId } : {}) });
  if (created.status !== 201) throw new Error(`creating a ${role} user failed: ${created.status} ${created.text}`);
  return gateway(await tokenFor(username, password));
}
