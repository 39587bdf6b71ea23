import mongoose, { Model } from 'mongoose';
import { bulkWriteIgnoringDuplicates } from './read-model';

/** A model whose bulk write fails as the driver fails it, with these write errors. */
function modelFailingWith(writeErrors: { code: number }[]): Model<any> {
  const result = { modifiedCount: 1, upsertedCount: 2, upsertedIds: { 0: 'a', 2: 'c' } };
  const failure = new mongoose.mongo.MongoBulkWriteError(
    { message: 'bulk write failed', code: writeErrors[0]?.code ?? 64, writeErrors: writeErrors as never },
    result as never,
  );
  return { bulkWrite: jest.fn().mockRejectedValue(failure) } as unknown as Model<any>;
}

const upsert = { updateOne: { filter: { _id: 'a' }, update: { $set: { x: 1 } }, upsert: true } };

describe('bulkWriteIgnoringDuplicates', () => {
  it('takes a batch whose only failures are duplicate keys as done, with what it did write', async () => {
    await expect(bulkWriteIgnoringDuplicates(modelFailingWith([{ code: 11000 }, { code: 11000 }]), [upsert])).resolves.toEqual({
      modified: 1,
      upserted: 2,
      upsertedIndexes: new Set([0, 2]),
    });
  });

  it('fails the batch when one failure is not a duplicate key', async () => {
    await expect(bulkWriteIgnoringDuplicates(modelFailingWith([{ code: 11000 }, { code: 2 }]), [upsert])).rejects.toThrow(
      'bulk write failed',
    );
  });

  it('fails the batch when the bulk write failed without write errors (a write concern error, a lost connection)', async () => {
    await expect(bulkWriteIgnoringDuplicates(modelFailingWith([]), [upsert])).rejects.toThrow('bulk write failed');
  });
});
