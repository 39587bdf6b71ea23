import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'crypto';
import { SEALING_ALGORITHM, SealedPersonalData, sealedContentProblems } from '@jobfair/contracts';
import { PoisonEventError } from '../consumer/event-dispatcher';

const KEY_BYTES = 32;
const IV_BYTES = 12;
/** Domain separation: the configured secret derives this key-encryption key and nothing else. */
const KEK_SALT = 'jobfair/personal-data/kek/v1';

/** A fresh random data key for one subject (a person, a walk-in). */
export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** The key-encryption key from the configured secret (PERSONAL_DATA_KEY): HKDF-SHA256 to 256 bits. */
export function keyEncryptionKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), KEK_SALT, 'key-encryption-key', KEY_BYTES));
}

/** A sealed value that does not open: tampered, another subject's, or sealed under another key. Never retried. */
export class UnsealableError extends PoisonEventError {}

function encrypt(plain: Buffer, key: Buffer, subjectId: string): SealedPersonalData {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The subject's id is authenticated with the data: a sealed value copied onto another subject does not open.
  cipher.setAAD(Buffer.from(subjectId, 'utf8'));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { alg: SEALING_ALGORITHM, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

function decrypt(sealed: SealedPersonalData, key: Buffer, subjectId: string): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(subjectId, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
  } catch {
    throw new UnsealableError(`sealed data of ${subjectId} does not open with its key`);
  }
}

/** Seals the fields (as JSON) under the subject's data key. */
export function seal(fields: object, dataKey: Buffer, subjectId: string): SealedPersonalData {
  return encrypt(Buffer.from(JSON.stringify(fields), 'utf8'), dataKey, subjectId);
}

/** The sealed JSON as it was sealed, not yet checked against a contract. */
export function openSealed(sealed: SealedPersonalData, dataKey: Buffer, subjectId: string): unknown {
  const plain = decrypt(sealed, dataKey, subjectId).toString('utf8');
  try {
    return JSON.parse(plain);
  } catch {
    throw new UnsealableError(`sealed data of ${subjectId} is not JSON`);
  }
}

/** Opens sealed fields and validates them against their contract; a failure is poison (never retried). */
export function unseal<T extends object>(sealed: SealedPersonalData, dataKey: Buffer, subjectId: string, type: new () => T): T {
  const { value, problems } = sealedContentProblems(type, openSealed(sealed, dataKey, subjectId));
  if (problems.length) throw new UnsealableError(`sealed data of ${subjectId}: ${problems.join('; ')}`);
  return value;
}

/** A data key as it may be stored and sent: sealed under the key-encryption key, bound to the subject. */
export function wrapKey(dataKey: Buffer, kek: Buffer, subjectId: string): SealedPersonalData {
  return encrypt(dataKey, kek, subjectId);
}

export function unwrapKey(wrapped: SealedPersonalData, kek: Buffer, subjectId: string): Buffer {
  const key = decrypt(wrapped, kek, subjectId);
  if (key.length !== KEY_BYTES) throw new UnsealableError(`data key of ${subjectId} is ${key.length} bytes, not ${KEY_BYTES}`);
  return key;
}
