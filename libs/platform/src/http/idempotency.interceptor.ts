import {
  BadRequestException,
  CallHandler,
  ConflictException,
  ExecutionContext,
  Injectable,
  Logger,
  NestInterceptor,
  OnModuleInit,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createHash } from 'crypto';
import type { Request, Response } from 'express';
import type { Connection } from 'mongoose';
import { Observable, catchError, from, mergeMap, of, throwError } from 'rxjs';
import type { Actor } from '../auth/roles';
import { ServiceConfig } from '../config/service-config';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Set on an answer that repeats the first one instead of acting again. */
export const IDEMPOTENT_REPLAY_HEADER = 'Idempotent-Replayed';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const COLLECTION = 'idempotency_keys';
const DUPLICATE_KEY = 11000;

interface IdempotencyRecord {
  /** caller, path and key: one client's one request. */
  _id: string;
  /** Hash of the request body: the same key with another body is a client bug, not a retry. */
  fingerprint: string;
  state: 'pending' | 'done';
  startedAt: Date;
  statusCode?: number;
  /** The first answer's JSON text, replayed as it was. */
  body?: string;
  /** The `id` of the resource the answer shows, so that an erasure can find the answers about it. */
  resourceId?: string;
}

/** The id of a resource answer (`{ id, ... }`). */
function resourceIdOf(body: unknown): string | undefined {
  const id = body && typeof body === 'object' ? (body as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Erasure of a resource (a person): the kept answers that showed it lose its data but keep
 * their claim, so a retry of the request does not act again (it would register the person
 * anew) and is answered 404, like any read of what was erased. One update; it reads the
 * whole collection on the local stand-in (no index on `resourceId`), which erasure, a rare
 * command, can afford.
 */
export async function forgetIdempotentAnswers(connection: Connection, resourceId: string, notFound: string): Promise<void> {
  const gone = { statusCode: 404, error: 'Not Found', message: notFound };
  await connection
    .collection<IdempotencyRecord>(COLLECTION)
    .updateMany({ resourceId }, { $set: { statusCode: gone.statusCode, body: JSON.stringify(gone) } });
}

/** JSON with object keys sorted, so the same body sent with its fields in another order is the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * `Idempotency-Key` on POST requests (API.md, Retries): the same key from the same
 * caller on the same path within the TTL gets the first successful answer (status and
 * body) again instead of acting twice, so a client may retry a write whose answer was
 * lost. Records live in the service's own database under a unique `_id`, claimed with
 * one insert, so two instances of a service agree. Failed requests are forgotten: a
 * retry after an error acts again (a refused or failed command changed nothing).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleInit {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly config: ServiceConfig,
  ) {}

  private get records() {
    return this.connection.collection<IdempotencyRecord>(COLLECTION);
  }

  /** A real MongoDB removes expired records itself; expiry is also checked on read, for servers without TTL indexes. */
  async onModuleInit(): Promise<void> {
    await this.records
      .createIndex({ startedAt: 1 }, { expireAfterSeconds: this.config.idempotencyTtlSeconds })
      .catch((error: Error) => this.logger.warn(`idempotency keys' TTL index not created: ${error.message}`));
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.headers[IDEMPOTENCY_HEADER.toLowerCase()];
    // A public route (signing in) has no caller to keep answers for, and its answer (a token) is not worth storing.
    if (request.method !== 'POST' || key === undefined || !request.actor) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: [`${IDEMPOTENCY_HEADER}: must be one value of 1 to 200 visible ASCII characters`],
      });
    }
    const id = JSON.stringify([request.actor.userId, request.path, key]);
    const fingerprint = createHash('sha256').update(canonicalJson(request.body)).digest('hex');
    const startedAt = new Date();
    const earlier = await this.begin(id, key, fingerprint, startedAt, response);
    if (earlier) {
      response.status(earlier.statusCode!).setHeader(IDEMPOTENT_REPLAY_HEADER, 'true');
      return of(earlier.body === undefined ? undefined : JSON.parse(earlier.body));
    }
    const mine = { _id: id, state: 'pending' as const, startedAt };
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        // Nest set the route's status before the handler ran; a handler may have changed it.
        const answer = {
          state: 'done' as const,
          statusCode: response.statusCode,
          body: body === undefined ? undefined : JSON.stringify(body),
          resourceId: resourceIdOf(body),
        };
        await this.records
          .updateOne(mine, { $set: answer })
          .catch((error: Error) =>
            this.logger.warn(
              `answer for ${IDEMPOTENCY_HEADER} ${key} not stored (${error.message}): a retry acts again once the claim expires`,
            ),
          );
        return body;
      }),
      catchError((error: unknown) =>
        from(this.records.deleteOne(mine).catch(() => undefined)).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }

  /**
   * Claims the key for this request (undefined) or returns the earlier answer to replay.
   * 422 for the key reused with another body, 409 while the first request still runs.
   */
  private async begin(
    id: string,
    key: string,
    fingerprint: string,
    startedAt: Date,
    response: Response,
  ): Promise<IdempotencyRecord | undefined> {
    try {
      await this.records.insertOne({ _id: id, fingerprint, state: 'pending', startedAt });
      return undefined;
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
    const earlier = await this.records.findOne({ _id: id });
    const age = earlier ? startedAt.getTime() - earlier.startedAt.getTime() : Infinity;
    const limitMs = (earlier?.state === 'done' ? this.config.idempotencyTtlSeconds : this.config.idempotencyPendingSeconds) * 1000;
    if (!earlier || age > limitMs) {
      // Expired, abandoned by a crashed request, or forgotten after a failure a moment ago: this request takes it over.
      const taken = earlier
        ? await this.records.updateOne(
            { _id: id, state: earlier.state, startedAt: earlier.startedAt },
            { $set: { fingerprint, state: 'pending', startedAt }, $unset: { statusCode: '', body: '' } },
          )
        : await this.records.updateOne({ _id: id }, { $setOnInsert: { fingerprint, state: 'pending', startedAt } }, { upsert: true });
      if (taken.modifiedCount === 1 || taken.upsertedCount === 1) return undefined;
      throw this.inProgress(key, response);
    }
    if (earlier.fingerprint !== fingerprint) {
      throw new UnprocessableEntityException(
        `${IDEMPOTENCY_HEADER} ${key} was already used for a request with another body; use a new key for a new request`,
      );
    }
    if (earlier.state === 'pending') throw this.inProgress(key, response);
    return earlier;
  }

  /** 409 with Retry-After: the first request may still succeed, so this is "ask again", not "refused". */
  private inProgress(key: string, response: Response): ConflictException {
    response.setHeader('Retry-After', String(this.config.idempotencyRetryAfterSeconds));
    return new ConflictException(`a request with ${IDEMPOTENCY_HEADER} ${key} is in progress; retry it later`);
  }
}

/** Names the header, and the 422 of a key used again with another body, on every POST operation of a service's OpenAPI document. */
export function documentIdempotencyKey(document: OpenAPIObject, ttlSeconds: number): void {
  for (const item of Object.values(document.paths)) {
    if (!item.post) continue;
    item.post.responses['422'] ??= {
      description: `the ${IDEMPOTENCY_HEADER} was used before with another body`,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
    };
    item.post.parameters = [
      ...(item.post.parameters ?? []),
      {
        name: IDEMPOTENCY_HEADER,
        in: 'header',
        required: false,
        schema: { type: 'string', pattern: KEY_PATTERN.source },
        description:
          `A key of the client's choosing: the same key again (same user, same path, same body) within ${ttlSeconds / 3600} hours ` +
          `returns the first successful answer instead of acting again (marked \`${IDEMPOTENT_REPLAY_HEADER}: true\`); ` +
          'the same key with another body is 422, and 409 while the first request is still running.',
      },
    ];
  }
}
