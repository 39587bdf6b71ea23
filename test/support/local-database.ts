// A mongo-java-server of its own (deploy/local/mongo/MongoLauncher.java, the one infra.sh starts)
// on a free port, for the specs about the local database itself: they never touch the test run's.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import mongoose, { type Connection } from 'mongoose';

export { freePort } from './free-port';

const ROOT = resolve(__dirname, '..', '..');
const START_TIMEOUT_MS = 60_000;

/** Starts the launcher (the h2 backend on `file`, or the memory one, with `env` added) and resolves once it says it listens. */
export function launchLocalDatabase(
  port: number,
  backend: { h2: string } | 'memory',
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const kind = backend === 'memory' ? ['memory'] : ['h2', backend.h2];
  const child = spawn(
    'java',
    ['-Xmx256m', '-cp', join(ROOT, '.local/mongo/lib/*'), join(ROOT, 'deploy/local/mongo/MongoLauncher.java'), String(port), ...kind],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  return new Promise((done, fail) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`the launcher did not listen within ${START_TIMEOUT_MS} ms:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) {
        clearTimeout(timer);
        done(child);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the launcher exited (${code}):\n${output}`));
    });
  });
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.removeAllListeners('exit');
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

export const connectLocalDatabase = (port: number, dbName: string): Promise<Connection> =>
  mongoose
    .createConnection(`mongodb://127.0.0.1:${port}`, { directConnection: true, dbName, serverSelectionTimeoutMS: 10_000 })
    .asPromise();
