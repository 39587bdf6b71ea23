import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import type { OpenAPIObject } from '@nestjs/swagger';
import { CrossFieldRule } from '@jobfair/contracts';
import { completeSchemasFromValidation } from './validated-schemas';

class ProbeQuota {
  @IsInt()
  @Min(0)
  seats!: number;
}

@CrossFieldRule({ anyOf: [{ properties: { period: { enum: ['hour'] } } }, { required: ['note'] }] })
class ProbeBody {
  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsIn(['hour', 'month'])
  period!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ProbeQuota)
  quota?: ProbeQuota;

  @ValidateIf((o: ProbeBody) => o.period === 'month' || o.note !== undefined)
  @IsString()
  note?: string;
}

/** What a mapped type (PartialType and the like) looks like: the rules sit on a parent the document does not name. */
class ProbeUpdate extends ProbeBody {}

class ProbeQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @IsString()
  @IsNotEmpty()
  seekerId!: string;
}

describe('completeSchemasFromValidation', () => {
  // What @nestjs/swagger writes for ProbeBody without type hints: the nested value as an empty object.
  const document = (): OpenAPIObject => ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {},
    components: {
      schemas: {
        [ProbeBody.name]: {
          type: 'object',
          required: ['name', 'period', 'quota'],
          properties: { name: { type: 'string', description: 'who' }, period: { type: 'string' }, quota: { type: 'object' } },
        },
      },
    },
  });

  it("states the validation pipe's rules: required fields, enums, lengths, integers, nested types, rules across fields, no unknown fields", () => {
    const schemas = completeSchemasFromValidation(document()).components!.schemas!;
    expect(schemas.ProbeBody).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['name', 'period'],
      anyOf: [{ properties: { period: { enum: ['hour'] } } }, { required: ['note'] }],
      properties: {
        name: { type: 'string', minLength: 1, description: 'who' },
        period: { type: 'string', enum: ['hour', 'month'] },
        quota: { $ref: '#/components/schemas/ProbeQuota' },
        note: { type: 'string' },
      },
    });
    expect(schemas.ProbeQuota).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['seats'],
      properties: { seats: { type: 'integer', minimum: 0 } },
    });
  });

  it("finds a body's rules through the route's class, and a query's rules for its parameters", () => {
    const doc = document();
    doc.components!.schemas!.ProbeUpdate = { type: 'object', properties: { name: { type: 'string' } } };
    doc.paths['/probes'] = {
      get: {
        operationId: 'ProbesController_list',
        parameters: [
          { name: 'year', in: 'query', required: false, description: 'which year', schema: { type: 'number' } },
          { name: 'seekerId', in: 'query', required: true, schema: { type: 'string' } },
        ],
        responses: {},
      },
      patch: {
        operationId: 'ProbesController_update',
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/ProbeUpdate' } } } },
        responses: {},
      },
    };
    const inputs = new Map([
      ['ProbesController_list', { query: ProbeQuery }],
      ['ProbesController_update', { body: ProbeUpdate }],
    ]);
    const completed = completeSchemasFromValidation(doc, inputs);
    expect(completed.paths['/probes'].get!.parameters).toEqual([
      { name: 'year', in: 'query', required: false, description: 'which year', schema: { type: 'integer', minimum: 2000, maximum: 2100 } },
      { name: 'seekerId', in: 'query', required: true, schema: { type: 'string', minLength: 1 } },
    ]);
    expect((completed.components!.schemas!.ProbeUpdate as { properties: object }).properties).toHaveProperty('name', {
      type: 'string',
      minLength: 1,
    });
  });
});
