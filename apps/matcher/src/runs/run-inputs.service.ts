import { createHash } from 'crypto';
import { readFileSync, readdirSync } from 'fs';
import { dirname, join } from 'path';
import { promisify } from 'util';
import { gunzip, gzip } from 'zlib';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { OpeningProfile, SeekerProfile } from '@jobfair/matching';
import { RunInput } from './run-input.schema';

/** The profiles a run gave libs/matching, in the order given. */
export interface RunProfiles {
  seekers: SeekerProfile[];
  openings: OpeningProfile[];
}

export interface LoadedRunInput extends RunProfiles {
  /** Seekers erased since the run: taken out of its input, so a recomputation goes without them. */
  erasedSeekerIds: string[];
  /** The content still hashes to its id (false only after an erasure took someone out). */
  intact: boolean;
}

/** Hex digits of the code hash kept in a run's `codeVersion`: enough to tell builds apart. */
const CODE_HASH_DIGITS = 12;
/** An erasure's rewrite that lost to another one reads the input again, up to this many times. */
const ERASURE_ATTEMPTS = 10;

const zip = promisify(gzip);
const unzip = promisify(gunzip);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let codeVersion: string | undefined;

/** A hash of libs/matching's files as this process loaded them (compiled or source): same code, same version. */
export function matchingCodeVersion(): string {
  if (codeVersion) return codeVersion;
  const dir = dirname(require.resolve('@jobfair/matching'));
  const hash = createHash('sha256');
  for (const file of readdirSync(dir)
    .filter((name) => /\.(js|ts)$/.test(name) && !/\.(spec|d)\.[jt]s$/.test(name))
    .sort()) {
    hash.update(file).update(readFileSync(join(dir, file)));
  }
  return (codeVersion = `matching-${hash.digest('hex').slice(0, CODE_HASH_DIGITS)}`);
}

/** Runs' inputs, content-addressed and compressed (see RunInput). */
@Injectable()
export class RunInputsService {
  constructor(@InjectModel(RunInput.name) private readonly inputs: Model<RunInput>) {}

  /** Stores the profiles once (the same inputs again find their document) and answers their id. */
  async record(profiles: RunProfiles): Promise<string> {
    const json = JSON.stringify(profiles);
    const id = sha256(json);
    if (await this.inputs.exists({ _id: id })) return id;
    const doc = {
      data: await zip(json),
      seekerIds: profiles.seekers.map((s) => s.id),
      erasedSeekerIds: [],
      recordedAt: new Date().toISOString(),
      revision: 0,
    };
    await this.inputs.updateOne({ _id: id }, { $setOnInsert: doc }, { upsert: true });
    return id;
  }

  async load(id: string): Promise<LoadedRunInput | null> {
    const doc = await this.inputs.findById(id).lean<RunInput>();
    if (!doc) return null;
    const json = (await unzip(bufferOf(doc.data))).toString('utf8');
    return { ...(JSON.parse(json) as RunProfiles), erasedSeekerIds: doc.erasedSeekerIds ?? [], intact: sha256(json) === id };
  }

  /** Erasure: the person is taken out of every recorded input that holds them (again: nothing to do). */
  async forgetSeeker(seekerId: string): Promise<void> {
    const holding = await this.inputs.find({ seekerIds: seekerId }, { _id: 1 }).lean();
    for (const { _id } of holding) await this.forgetIn(_id, seekerId);
  }

  private async forgetIn(id: string, seekerId: string): Promise<void> {
    for (let attempt = 0; attempt < ERASURE_ATTEMPTS; attempt++) {
      const doc = await this.inputs.findOne({ _id: id, seekerIds: seekerId }).lean<RunInput>();
      if (!doc) return;
      const profiles = JSON.parse((await unzip(bufferOf(doc.data))).toString('utf8')) as RunProfiles;
      const data = await zip(JSON.stringify({ ...profiles, seekers: profiles.seekers.filter((s) => s.id !== seekerId) }));
      const written = await this.inputs.updateOne(
        { _id: id, revision: doc.revision },
        { $set: { data }, $pull: { seekerIds: seekerId }, $addToSet: { erasedSeekerIds: seekerId }, $inc: { revision: 1 } },
      );
      if (written.modifiedCount) return;
    }
    throw new Error(
      `run input ${id}: seeker ${seekerId} not taken out after ${ERASURE_ATTEMPTS} attempts (erasures kept colliding); redelivery retries`,
    );
  }
}

/** A lean read gives BSON Binary, not a Buffer. */
function bufferOf(data: Buffer | { buffer: Uint8Array }): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer);
}
