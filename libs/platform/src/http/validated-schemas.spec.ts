import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import type { OpenAPIObject } from '@nestjs/swagger';
import { completeSchemasFromValidation } from './validated-schemas';

class ProbeQuota {
  @IsInt()
  @Min(0)
  seats!: number;
}

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

  it("states the validation pipe's rules: required fields, enums, lengths, integers, nested types, no unknown fields", () => {
    const schemas = completeSchemasFromValidation(document()).components!.schemas!;
    expect(schemas.ProbeBody).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['name', 'period'],
      properties: {
        name: { type: 'string', minLength: 1, description: 'who' },
        period: { type: 'string', enum: ['hour', 'month'] },
        quota: { $ref: '#/components/schemas/ProbeQuota' },
      },
    });
    expect(schemas.ProbeQuota).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['seats'],
      properties: { seats: { type: 'integer', minimum: 0 } },
    });
  });
});
