import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { describeValidationErrors } from '@jobfair/contracts';
import { badRequest } from './bad-request';

type Class = abstract new (...args: never[]) => unknown;
const NULL_REFUSED = 'must not be null (leave an optional field out)';

/**
 * Where the properties of a body's class (and of its nested classes) are null, as `field: reason` lines
 * named as the validation errors name fields (`a.b.0.c`). Free-form values (an offline batch's items,
 * checked one by one) are not looked into.
 */
function nullFields(value: object, type: Class, path = ''): string[] {
  return Object.entries(value).flatMap(([key, item]: [string, unknown]) => {
    const at = path ? `${path}.${key}` : key;
    if (item === null) return [`${at}: ${NULL_REFUSED}`];
    const nested = defaultMetadataStorage.findTypeMetadata(type, key)?.typeFunction() as Class | undefined;
    if (!nested || typeof item !== 'object') return [];
    return Array.isArray(item)
      ? item.flatMap((element: unknown, i) =>
          element && typeof element === 'object'
            ? nullFields(element, nested, `${at}.${i}`)
            : element === null
              ? [`${at}.${i}: ${NULL_REFUSED}`]
              : [],
        )
      : nullFields(item as object, nested, at);
  });
}

/**
 * Every input: unknown fields rejected, types converted, and a 400 whose `message`
 * names each invalid field and why (API.md, Errors).
 */
class InputValidationPipe extends ValidationPipe {
  // @IsOptional lets null through as if the field were left out, yet rules and stored documents would meet the
  // null; the OpenAPI document declares no field nullable, so a body refuses null for any of its properties.
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const nulls =
      metadata.type === 'body' && metadata.metatype && value && typeof value === 'object' ? nullFields(value, metadata.metatype) : [];
    if (nulls.length) throw badRequest(nulls);
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => badRequest(describeValidationErrors(errors)),
  });
}
