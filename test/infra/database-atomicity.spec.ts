// Single-document atomicity under concurrency, against whichever database MONGODB_URI names
// (the local mongo-java-server, a testcontainers MongoDB or a real deployment). The design
// relies on it instead of multi-document transactions: outbox, version checks, capacity guards.
// Figures are printed, never asserted: tests do not depend on machine speed.
import mongoose, { Schema, type Connection, type Model } from 'mongoose';

const N = 200;
const POSITIONS = 50;

interface Counter {
  _id: string;
  count: number;
}
interface Versioned {
  _id: string;
  version: number;
  owner?: string;
}
interface Opening {
  _id: string;
  positions: number;
  filled: number;
}
interface Person {
  nationalId: string;
}

/** directConnection when the URI names one host (a replica-set member or mongo-java-server). */
function connectOptions(uri: string): mongoose.ConnectOptions {
  const hosts =
    uri
      .replace(/^mongodb:\/\//, '')
      .split(/[/?]/)[0]
      .split('@')
      .pop() ?? '';
  const single = !uri.startsWith('mongodb+srv://') && !hosts.includes(',');
  return single ? { directConnection: true } : {};
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  const result = await fn();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`[database-atomicity] ${label}: ${ms.toFixed(1)} ms`);
  return result;
}

describe('database single-document atomicity (MONGODB_URI)', () => {
  const uri = process.env.MONGODB_URI;
  // A fresh database per run, so parallel runs and leftovers never interfere.
  const dbName = `atomicity_${Date.now()}_${process.pid}`;
  let conn: Connection;
  let counters: Model<Counter>;
  let versioned: Model<Versioned>;
  let openings: Model<Opening>;
  let people: Model<Person>;

  beforeAll(async () => {
    if (!uri) throw new Error('MONGODB_URI is not set (run `npm test`, which starts the servers)');
    conn = await mongoose
      .createConnection(uri, { ...connectOptions(uri), dbName, maxPoolSize: 20, serverSelectionTimeoutMS: 10_000 })
      .asPromise();
    counters = conn.model<Counter>('Counter', new Schema<Counter>({ _id: String, count: Number }));
    versioned = conn.model<Versioned>('Versioned', new Schema<Versioned>({ _id: String, version: Number, owner: String }));
    openings = conn.model<Opening>('Opening', new Schema<Opening>({ _id: String, positions: Number, filled: Number }));
    people = conn.model<Person>(
      'Person',
      new Schema<Person>({ nationalId: { type: String, required: true, unique: true } }, { autoIndex: false }),
    );
  });

  afterAll(async () => {
    if (!conn) return;
    await conn.dropDatabase();
    await conn.close();
  });

  it(`${N} parallel $inc on one document add up to exactly ${N}`, async () => {
    await counters.create({ _id: 'c', count: 0 });
    await timed(`${N} parallel $inc`, () =>
      Promise.all(Array.from({ length: N }, () => counters.updateOne({ _id: 'c' }, { $inc: { count: 1 } }))),
    );
    const doc = await counters.findById('c').lean();
    expect(doc?.count).toBe(N);
  });

  it(`${N} parallel version-checked updates: exactly one wins`, async () => {
    await versioned.create({ _id: 'v', version: 1 });
    const results = await timed(`${N} parallel version-checked updates`, () =>
      Promise.all(
        Array.from({ length: N }, (_, i) =>
          versioned.updateOne({ _id: 'v', version: 1 }, { $set: { owner: `writer-${i}` }, $inc: { version: 1 } }),
        ),
      ),
    );
    const winners = results.filter((r) => r.modifiedCount === 1);
    expect(winners).toHaveLength(1);
    const doc = await versioned.findById('v').lean();
    expect(doc?.version).toBe(2);
    expect(doc?.owner).toMatch(/^writer-\d+$/);
  });

  it(`a capacity-guarded $inc hit ${N} times on ${POSITIONS} positions fills exactly ${POSITIONS}`, async () => {
    await openings.create({ _id: 'o', positions: POSITIONS, filled: 0 });
    const results = await timed(`${N} parallel capacity-guarded $inc on ${POSITIONS} positions`, () =>
      Promise.all(
        Array.from({ length: N }, () =>
          openings.findOneAndUpdate({ _id: 'o', $expr: { $lt: ['$filled', '$positions'] } }, { $inc: { filled: 1 } }, { new: true }).lean(),
        ),
      ),
    );
    const granted = results.filter((r) => r !== null);
    // Printed, not asserted: MongoDB returns each writer its own post-image (distinct seat
    // numbers), but mongo-java-server (memory and H2 backends) sometimes returns one that holds a
    // concurrent writer's increment. Code must count seats, never take a seat number from it.
    const distinct = new Set(granted.map((r) => r?.filled)).size;
    console.log(`[database-atomicity] distinct post-images returned to the ${granted.length} winners: ${distinct}`);
    expect(granted).toHaveLength(POSITIONS);
    const doc = await openings.findById('o').lean();
    expect(doc?.filled).toBe(POSITIONS);
  });

  it('a unique index violation fails with code 11000', async () => {
    await people.createIndexes();
    await people.create({ nationalId: '900101-1234567' });
    let code: unknown;
    await timed('duplicate insert on a unique index', async () => {
      try {
        await people.create({ nationalId: '900101-1234567' });
      } catch (err) {
        code = (err as { code?: unknown }).code;
      }
    });
    expect(code).toBe(11000);
    expect(await people.countDocuments({ nationalId: '900101-1234567' })).toBe(1);
  });
});
