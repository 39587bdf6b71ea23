import { BadRequestException } from '@nestjs/common';

/** The 400 of API.md's Errors: `message` lists each problem as `<field>: <what is wrong>`. */
export function badRequest(problems: string[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problems });
}
