import mongoose, { Connection } from 'mongoose';
import type { ServiceName } from '@jobfair/contracts';

/** A service's database of this test run (its per-run name prefix), open while `work` runs: for leaving what a crash would leave. */
export async function withServiceDatabase<T>(service: ServiceName, work: (db: Connection) => Promise<T>): Promise<T> {
  const connection = await mongoose.createConnection(process.env.MONGODB_URI!, { directConnection: true }).asPromise();
  try {
    return await work(connection.useDb(`${JSON.parse(process.env.TEST_SYSTEM_LAYOUT!).env.MONGODB_DB_PREFIX}${service}`));
  } finally {
    await connection.close();
  }
}
