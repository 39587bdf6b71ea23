// The local database keeps what it acknowledged: N inserts answered, kill -9, restart on the same
// H2 file, and all N are there. Runs its own mongo-java-server (deploy/local/mongo/MongoLauncher.java,
// the one infra.sh starts) on a free port and a temporary file, so it never touches the test run's.
// Inserts per second are printed, never asserted: tests do not depend on machine speed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Connection } from 'mongoose';
import { connectLocalDatabase, freePort, killHard, launchLocalDatabase } from '../support/local-database';

const N = 200;
const launch = (port: number, file: string) => launchLocalDatabase(port, { h2: file });
const connect = (port: number) => connectLocalDatabase(port, 'durability');

describe('local database durability (mongo-java-server, h2 backend)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobfair-durability-'));
  const file = join(dir, 'mongo.h2');
  let server: ChildProcess | undefined;
  let conn: Connection | undefined;

  afterAll(async () => {
    await conn?.close(true);
    if (server) await killHard(server);
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
