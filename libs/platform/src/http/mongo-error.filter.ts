import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { Error as MongooseError, mongo } from 'mongoose';
import { AggregateConflictError, isDuplicateKeyError } from '@jobfair/messaging';

/**
 * Database errors that bad or conflicting input can cause become 409/400, never a
 * 500: a unique index is the guard against duplicates (national ID, idempotency keys).
 */
@Catch(mongo.MongoServerError, MongooseError.CastError, MongooseError.ValidationError, AggregateConflictError)
export class MongoErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(MongoErrorFilter.name);

  catch(error: Error & { code?: number; keyValue?: Record<string, unknown> }, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof mongo.MongoServerError && isDuplicateKeyError(error)) {
      // MongoDB names the fields in keyValue; other wire-compatible servers only in the message's index name.
      const index = /index: (\S+)/.exec(error.message)?.[1]?.replace(/_-?1$/, '');
      const fields = Object.keys(error.keyValue ?? {}).join(', ') || index || 'a unique field';
      response.status(HttpStatus.CONFLICT).json({ statusCode: 409, error: 'Conflict', message: `already exists: ${fields}` });
      return;
    }
    if (error instanceof AggregateConflictError) {
      response.status(HttpStatus.CONFLICT).json({ statusCode: 409, error: 'Conflict', message: error.message });
      return;
    }
    if (error instanceof MongooseError.CastError || error instanceof MongooseError.ValidationError) {
      response.status(HttpStatus.BAD_REQUEST).json({ statusCode: 400, error: 'Bad Request', message: [error.message] });
      return;
    }
    // The caller learns only that the database failed; the log says how, or nobody could find out.
    this.logger.error(`database error: ${error.message}`, error.stack);
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: 500, error: 'Internal Server Error', message: 'database error' });
  }
}
