// The local database keeps what it acknowledged: N inserts answered, kill -9, restart on the same
// H2 file, and all N are there. Runs its own mongo-java-server (deploy/local/mongo/MongoLauncher.java,
// the one infra.sh starts) on a free port and a temporary file, so it never touches the test run's.
// Inserts per second are printed, never asserted: tests do not depend on machine speed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mongoose, { type Connection } from 'mongoose';

const ROOT = resolve(__dirname, '..', '..');
const N = 200;
const START_TIMEOUT_MS = 60_000;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.once('error', fail);
  });
}

/** Starts the launcher on `file` and resolves once it says it listens. */
function launch(port: number, file: string): Promise<ChildProcess> {
  const child = spawn(
    'java',
    ['-Xmx256m', '-cp', join(ROOT, '.local/mongo/lib/*'), join(ROOT, 'deploy/local/mongo/MongoLauncher.java'), String(port), 'h2', file],
    { stdio: ['ignore', 'pipe', 'pipe'] },
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

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.removeAllListeners('exit');
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

const connect = (port: number) =>
  mongoose
    .createConnection(`mongodb://127.0.0.1:${port}`, { directConnection: true, dbName: 'durability', serverSelectionTimeoutMS: 10_000 })
    .asPromise();

describe('local database durability (mongo-java-server, h2 backend)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobfair-durability-'));
  const file = join(dir, 'mongo.h2');
  let server: ChildProcess | undefined;
  let conn: Connection | undefined;

  afterAll(async () => {
    await conn?.close(true);
    if (server && server.exitCode === null) await killHard(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${N} acknowledged inserts are all there after kill -9 and a restart`, async () => {
    const port = await freePort();
    server = await launch(port, file);
    conn = await connect(port);
    const people = conn.collection('people');
    await conn.collection('warm-up').insertOne({ at: Date.now() }); // the first write opens the store's maps
    const started = process.hrtime.bigint();
    // One after the other, and the kill follows the last answer at once: the store as shipped
    // commits about once a second, so it lost the last second's answers here (127 of 200).
    for (let i = 0; i < N; i++) await people.insertOne({ _id: `p${i}` as never, at: Date.now() });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`[database-durability] ${N} sequential inserts: ${(N / seconds).toFixed(0)} inserts/s`);
    await killHard(server);
    await conn.close(true);

    server = await launch(port, file);
    conn = await connect(port);
    expect(await conn.collection('people').countDocuments()).toBe(N);
  }, 180_000);
});
