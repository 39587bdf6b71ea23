// The local database finds the documents a filter names by _id (or another unique key) through
// that index even when the filter has other conditions too (a version check, a lease), as MongoDB
// does, and the whole filter still decides what matches. Both backends, each on its own server;
// the h2 one again after a restart, when the file's collections are opened anew. The time of
// version-checked writes in a large collection is printed, never asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Collection, Connection } from 'mongoose';
import { connectLocalDatabase, freePort, killHard, launchLocalDatabase } from '../support/local-database';

const LARGE = 20_000;
const WRITES = 500;

interface Aggregate {
  _id: string;
  key: string;
  version: number;
  flag?: boolean;
  lease?: { claim: string; until: number };
}

const ids = (docs: { _id: string }[]) => docs.map((doc) => doc._id).sort();

async function seed(aggregates: Collection<Aggregate>): Promise<void> {
  await aggregates.createIndex({ key: 1 }, { unique: true });
  await aggregates.insertMany([
    { _id: 'a', key: 'ka', version: 1, flag: true },
    { _id: 'b', key: 'kb', version: 2, flag: false, lease: { claim: 'c1', until: 10 } },
    { _id: 'c', key: 'kc', version: 3, flag: true, lease: { claim: 'c2', until: 1 } },
  ]);
}

/** What each filter selects: the documents that meet all of its conditions, and no other. */
async function expectWholeFilterDecides(aggregates: Collection<Aggregate>): Promise<void> {
  expect(ids(await aggregates.find({ _id: 'a', version: 1 }).toArray())).toEqual(['a']);
  expect(ids(await aggregates.find({ _id: 'a', version: 2 }).toArray())).toEqual([]);
  expect(ids(await aggregates.find({ _id: { $in: ['a', 'b', 'c', 'x'] }, flag: true }).toArray())).toEqual(['a', 'c']);
  const claimable = { $or: [{ lease: { $exists: false } }, { 'lease.until': { $lte: 5 } }] };
  expect(ids(await aggregates.find({ _id: { $in: ['a', 'b', 'c'] }, ...claimable }).toArray())).toEqual(['a', 'c']);
  expect(ids(await aggregates.find({ key: 'kb', 'lease.claim': 'c1' }).toArray())).toEqual(['b']);
  expect(ids(await aggregates.find({ key: 'kb', 'lease.claim': 'c2' }).toArray())).toEqual([]);
  expect(ids(await aggregates.find({ _id: 'zz', version: 1 }).toArray())).toEqual([]);

  expect((await aggregates.updateOne({ _id: 'b', version: 1 }, { $set: { version: 9 } })).modifiedCount).toBe(0);
  expect((await aggregates.updateOne({ _id: 'b', version: 2 }, { $set: { version: 3 } })).modifiedCount).toBe(1);
  expect((await aggregates.deleteOne({ _id: 'c', 'lease.claim': 'other' })).deletedCount).toBe(0);
  const taken = await aggregates.findOneAndUpdate(
    { _id: 'c', ...claimable },
    { $set: { lease: { claim: 'c3', until: 99 } } },
    { returnDocument: 'after' },
  );
  expect(taken?.lease?.claim).toBe('c3');
  expect(await aggregates.findOneAndUpdate({ _id: 'c', ...claimable }, { $set: { flag: false } })).toBeNull();
  // An upsert whose filter names _id and finds nothing still inserts the document it names.
  await aggregates.updateOne({ _id: 'd', version: 0 }, { $set: { key: 'kd', version: 1 } }, { upsert: true });
  expect(await aggregates.findOne({ _id: 'd' })).toEqual({ _id: 'd', key: 'kd', version: 1 });
}

async function timeVersionCheckedWrites(conn: Connection, label: string): Promise<void> {
  const large = conn.collection<Aggregate>('large');
  for (let start = 0; start < LARGE; start += 5_000) {
    await large.insertMany(Array.from({ length: 5_000 }, (_, i) => ({ _id: `s${start + i}`, key: `k${start + i}`, version: 1 })));
  }
  const started = process.hrtime.bigint();
  for (let i = 0; i < WRITES; i++) {
    const id = `s${(i * 7919) % LARGE}`;
    const current = await large.findOne({ _id: id });
    await large.updateOne({ _id: id, version: current!.version }, { $inc: { version: 1 } });
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(
    `[database-keyed-lookup] ${label}: ${WRITES} version-checked updates in ${LARGE} documents: ${(ms / WRITES).toFixed(2)} ms each`,
  );
  expect(await large.countDocuments({ version: { $gt: 1 } })).toBe(
    new Set(Array.from({ length: WRITES }, (_, i) => (i * 7919) % LARGE)).size,
  );
}

describe('local database: conditional writes by _id use the _id index', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobfair-keyed-lookup-'));
  const running: ChildProcess[] = [];
  const connections: Connection[] = [];

  async function open(backend: { h2: string } | 'memory', port: number): Promise<Connection> {
    running.push(await launchLocalDatabase(port, backend));
    const conn = await connectLocalDatabase(port, 'keyed');
    connections.push(conn);
    return conn;
  }

  afterAll(async () => {
    for (const conn of connections) await conn.close(true);
    for (const child of running) await killHard(child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('memory backend: the whole filter decides, by _id or another unique key', async () => {
    const conn = await open('memory', await freePort());
    await seed(conn.collection<Aggregate>('aggregates'));
    await expectWholeFilterDecides(conn.collection<Aggregate>('aggregates'));
    await timeVersionCheckedWrites(conn, 'memory');
  }, 180_000);

  it('h2 backend: the same, and again on the collections a restart opens from the file', async () => {
    const file = join(dir, 'keyed.h2');
    const port = await freePort();
    let conn = await open({ h2: file }, port);
    await seed(conn.collection<Aggregate>('aggregates'));
    await expectWholeFilterDecides(conn.collection<Aggregate>('aggregates'));
    await timeVersionCheckedWrites(conn, 'h2');

    await conn.close(true);
    await killHard(running.pop()!);
    conn = await open({ h2: file }, port);
    const aggregates = conn.collection<Aggregate>('aggregates');
    await aggregates.deleteMany({});
    await seed(aggregates);
    await expectWholeFilterDecides(aggregates);
  }, 180_000);
});
