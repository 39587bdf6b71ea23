// The local database's scan report (MONGO_SCAN_REPORT_MIN_DOCS, deploy/local/mongo/MongoLauncher.java):
// a filter that reads a large enough collection from end to end is written to the launcher's log
// by its shape, at its 1st, 10th, 100th... time; a look-up by _id or a unique key, with or
// without other conditions, and a scan of a smaller collection are not.
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from 'mongoose';
import { connectLocalDatabase, freePort, killHard, launchLocalDatabase } from '../support/local-database';

const MIN_DOCS = 50;
const LOG_WAIT_MS = 5_000;
const LOG_POLL_MS = 50;

describe('the local database reports scans of large collections', () => {
  let server: ChildProcess;
  let connection: Connection;
  let log = '';

  beforeAll(async () => {
    const port = await freePort();
    server = await launchLocalDatabase(port, 'memory', { MONGO_SCAN_REPORT_MIN_DOCS: String(MIN_DOCS) });
    server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    connection = await connectLocalDatabase(port, 'scan_report');
  }, 90_000);

  afterAll(async () => {
    await connection?.close();
    if (server) await killHard(server);
  });

  it('names the collection, its size and the filter without its values, at the 1st and 10th time', async () => {
    const large = connection.collection<{ _id: string; key: string; status: string }>('large');
    await large.createIndex({ key: 1 }, { unique: true });
    await large.insertMany(Array.from({ length: MIN_DOCS }, (_, i) => ({ _id: `d${i}`, key: `k${i}`, status: i % 2 ? 'open' : 'closed' })));
    const small = connection.collection<{ _id: string; status: string }>('small');
    await small.insertMany(Array.from({ length: MIN_DOCS - 1 }, (_, i) => ({ _id: `s${i}`, status: 'open' })));

    for (let i = 0; i < 10; i++) {
      expect(await large.find({ status: 'open', $or: [{ key: `k${i}` }, { key: 'none' }] }).toArray()).toHaveLength(i % 2);
    }
    await large.findOne({ _id: 'd1' });
    await large.findOne({ _id: 'd1', status: 'open' });
    await large.findOne({ key: 'k2', status: 'closed' });
    await small.find({ status: 'open' }).toArray();
    await large.find({ status: { $in: ['open', 'secret-value'] } }).toArray();

    // Written before each answer, but read from the pipe on its own time.
    const lines = () => log.split('\n').filter((line) => line.startsWith('scan #'));
    for (let waited = 0; lines().length < 3 && waited < LOG_WAIT_MS; waited += LOG_POLL_MS) await sleep(LOG_POLL_MS);
    expect(lines()).toEqual([
      `scan #1 of scan_report.large (${MIN_DOCS} documents): {status: ?, $or: [{key: ?}, {key: ?}]}`,
      `scan #10 of scan_report.large (${MIN_DOCS} documents): {status: ?, $or: [{key: ?}, {key: ?}]}`,
      `scan #1 of scan_report.large (${MIN_DOCS} documents): {status: {$in: [?]}}`,
    ]);
    expect(log).not.toContain('secret-value');
  });
});
