import { readFileSync } from 'fs';
import { join } from 'path';
import { Server, Socket, connect, createServer } from 'net';
import { ApiClient } from '@jobfair/http-client';
import { eventually } from './eventually';
import { freePort } from './free-port';
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
    const down = await new ApiClient(serviceUrl(name)).get('/health').then(
      () => false,
      () => true,
    );
    expect(down).toBe(true);
  });
}

/** Starts it again with the same configuration (plus `overrides`), and waits until it is ready. */
export async function startService(name: ServiceName, overrides: Record<string, string> = {}): Promise<void> {
  const { options, env } = layout();
  await services.start({ ...options, only: [name] }, { ...env, ...overrides });
}

/**
 * A TCP relay in front of a real server (the database, the broker, a service): a client
 * pointed at it sees the server die when the door closes (connections reset, then refused)
 * and come back when it opens, or hang while it is stalled, while the server itself and
 * every other client are untouched.
 */
export class TcpDoor {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  /** Each client connection and the server connection it is relayed to. */
  private readonly relays = new Map<Socket, Socket>();
  private stalled = false;
  /** Armed by `stallOn`: stalls the door at the first client message it matches. */
  private tripwire?: { trips: (chunk: Buffer) => boolean; tripped: () => void };
  /** Server connections holding back the message that tripped the door, until `resume()`. */
  private readonly corked = new Set<Socket>();

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  /** A door on a free port of this machine, to `host:port`; closed until `open()`. */
  static async to(target: string): Promise<TcpDoor> {
    const port = await freePort();
    const [host, targetPort] = target.split(':');
    return new TcpDoor(port, { host, port: Number(targetPort) });
  }

  async open(): Promise<void> {
    if (this.server) return;
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      this.relays.set(client, upstream);
      // Before the pipe's own listener: the message that trips the door is held back in the server connection.
      client.prependListener('data', (chunk: Buffer) => this.check(chunk, upstream));
      client.on('close', () => this.relays.delete(client));
      upstream.pipe(client);
      if (this.stalled) client.pause();
      else client.pipe(upstream);
    });
    await new Promise<void>((resolve, reject) => this.server!.once('error', reject).listen(this.port, '127.0.0.1', resolve));
  }

  /** A hung server, as a stopped process is: connections are accepted and kept, requests are not passed on. */
  stall(): void {
    this.stalled = true;
    for (const [client, upstream] of this.relays) client.unpipe(upstream).pause();
  }

  /**
   * Stalls the door as the client sends a message that `trips` matches, before the server sees it:
   * a process hung at exactly that step (e.g. a write of the document it is about to change).
   * Resolves once it has tripped.
   */
  stallOn(trips: (chunk: Buffer) => boolean): Promise<void> {
    return new Promise((tripped) => (this.tripwire = { trips, tripped }));
  }

  private check(chunk: Buffer, upstream: Socket): void {
    if (!this.tripwire?.trips(chunk)) return;
    const { tripped } = this.tripwire;
    this.tripwire = undefined;
    upstream.cork();
    this.corked.add(upstream);
    this.stall();
    tripped();
  }

  /** Passes on what was held and everything after it (once: a second pipe would send every request twice). */
  resume(): void {
    if (!this.stalled) return;
    this.stalled = false;
    for (const upstream of this.corked) upstream.uncork();
    this.corked.clear();
    for (const [client, upstream] of this.relays) client.pipe(upstream);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

/**
 * The local broker's process (deploy/local/infra.sh records it), checked to be Kafka on
 * the port the tests use: only that broker is ever signalled.
 */
function brokerPid(): number {
  const run = join(__dirname, '../../.local/run');
  const port = (process.env.KAFKA_BROKERS ?? '').split(',')[0].split(':')[1];
  const pid = Number(readFileSync(join(run, 'kafka.pid'), 'utf8').trim());
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  if (!cmdline.includes('kafka.Kafka') || readFileSync(join(run, 'kafka.port'), 'utf8').trim() !== port) {
    throw new Error(`process ${pid} is not the local broker on port ${port}: broker faults need deploy/local/infra.sh's Kafka`);
  }
  return pid;
}

/** Stalls the broker as a hung machine does (SIGSTOP): connections stay open, nothing answers. */
export function pauseBroker(): void {
  process.kill(brokerPid(), 'SIGSTOP');
}

export function resumeBroker(): void {
  process.kill(brokerPid(), 'SIGCONT');
}
