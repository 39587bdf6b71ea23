import { ValidationPipe } from '@nestjs/common';
import { describeValidationErrors } from '@jobfair/contracts';
import { badRequest } from './bad-request';

/**
 * Every input: unknown fields rejected, types converted, and a 400 whose `message`
 * names each invalid field and why (API.md, Errors).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => badRequest(describeValidationErrors(errors)),
  });
}
