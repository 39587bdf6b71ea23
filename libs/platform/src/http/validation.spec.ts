import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { createValidationPipe } from './validation';

class ProbeTag {
  @IsOptional()
  @IsString()
  colour?: string;
}

class ProbeBody {
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ProbeTag)
  tags?: ProbeTag[];

  /** Free-form, as an offline batch's items. */
  @IsOptional()
  @IsObject()
  extra?: Record<string, unknown>;

  @IsOptional()
  @IsString()
  note?: string;
}

describe('the validation pipe', () => {
  const pipe = createValidationPipe();
  const refusal = (value: unknown) =>
    pipe.transform(value, { type: 'body', metatype: ProbeBody }).then(
      () => undefined,
      (error: BadRequestException) => error.getResponse(),
    );

  it("refuses null for the properties of the body's classes, naming each place, though @IsOptional would let it through", async () => {
    expect(await refusal({ note: null, tags: [{ colour: 'red' }, { colour: null }] })).toMatchObject({
      statusCode: 400,
      message: ['note: must not be null (leave an optional field out)', 'tags.1.colour: must not be null (leave an optional field out)'],
    });
  });

  it('takes an optional field left out, and null inside a free-form value', async () => {
    expect(await refusal({ tags: [{}], extra: { anything: null } })).toBeUndefined();
  });
});
