import { Type, plainToInstance } from 'class-transformer';
import { IsDefined, IsIn, IsISO8601, IsNotEmpty, IsString, Matches, MaxLength, ValidateNested, validateSync } from 'class-validator';
import { describeValidationErrors } from './registry';

/** The only algorithm so far; named in every sealed value so that another one can follow. */
export const SEALING_ALGORITHM = 'A256GCM';

/**
 * Personal data as it travels in events (crypto-erasure, docs/decisions/0005): the JSON of the
 * fields, encrypted with AES-256-GCM under the data key of one person (or one walk-in), bound to
 * that subject's id. Whoever holds the key reads it; once the owner destroys the key, every copy
 * (topics, dead-letter topics, backups of either) is unreadable.
 */
export class SealedPersonalData {
  @IsIn([SEALING_ALGORITHM])
  alg!: typeof SEALING_ALGORITHM;

  /** The 96-bit nonce, base64. */
  @Matches(/^[A-Za-z0-9+/]{16}$/)
  iv!: string;

  /** The 128-bit authentication tag, base64: a changed byte or another subject's key fails to open it. */
  @Matches(/^[A-Za-z0-9+/]{22}==$/)
  tag!: string;

  /** The ciphertext, base64. */
  @Matches(/^[A-Za-z0-9+/]+={0,2}$/)
  @MaxLength(200_000)
  data!: string;
}

/** A subject's data key, wrapped (sealed) with the centre's key-encryption key: the key topics carry only this. */
export class DataKeyIssue {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subjectId!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => SealedPersonalData)
  wrappedKey!: SealedPersonalData;
}

/** The key is destroyed: what was sealed under it is erased; it stays the subject's last record on the compacted key topic. */
export class DataKeyShredding {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subjectId!: string;

  @IsISO8601()
  shreddedAt!: string;
}

/** Validates what was sealed against its contract once opened (both ends check it): its problems, or none. */
export function sealedContentProblems<T extends object>(type: new () => T, content: unknown): { value: T; problems: string[] } {
  const value = plainToInstance(type, content);
  const problems =
    typeof content === 'object' && content !== null && !Array.isArray(content)
      ? describeValidationErrors(validateSync(value as object, { forbidUnknownValues: false }), 'sealed')
      : ['sealed: is not a JSON object'];
  return { value, problems };
}
