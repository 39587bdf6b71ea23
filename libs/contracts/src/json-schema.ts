import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * JSON Schemas read from the class-validator (and class-transformer @Type) metadata of
 * classes: the very rules the code checks, so a schema built here cannot drift from them.
 * Used for the event catalogue (AsyncAPI) and to complete the services' OpenAPI documents.
 */
export type JsonSchema = Record<string, unknown>;
type Class = abstract new (...args: never[]) => unknown;

/** Schema of one rule; undefined when the rule is not one a schema can state. */
function ruleSchema(rule: ValidationMetadata): JsonSchema | undefined {
  const [first, second] = (rule.constraints ?? []) as unknown[];
  switch (rule.name) {
    case 'isString':
      return { type: 'string' };
    case 'isNotEmpty':
      return { minLength: 1 };
    case 'minLength':
      return { minLength: first };
    case 'maxLength':
      return { maxLength: first };
    case 'length':
      return { minLength: first, ...(second === undefined ? {} : { maxLength: second }) };
    case 'isIn':
      return { type: typeof (first as unknown[])[0] === 'number' ? 'number' : 'string', enum: first };
    case 'isEnum':
      return { type: 'string', enum: Object.values(first as object) };
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber':
      return { type: 'number' };
    case 'isPositive':
      return { exclusiveMinimum: 0 };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isObject':
      return { type: 'object' };
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'matches':
      return { type: 'string', pattern: (first as RegExp).source };
    case 'isUuid':
      return { type: 'string', format: 'uuid' };
    case 'isEmail':
      return { type: 'string', format: 'email' };
    case 'isIso8601':
    case 'isDateString':
      // Dates are the common case and a subset of what is accepted; the description says the rest.
      return { type: 'string', format: 'date', description: 'ISO 8601 date (a date and time is accepted too)' };
    case 'isISO31661Alpha2':
      return { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country code' };
    case 'isArray':
      return { type: 'array' };
    case 'arrayMinSize':
      return { minItems: first };
    case 'arrayMaxSize':
      return { maxItems: first };
    case 'arrayUnique':
      return { uniqueItems: true };
    default:
      return undefined;
  }
}

export interface SchemaOptions {
  /** Throw on a rule this module cannot state, instead of leaving it out (the event catalogue wants every rule). */
  strict?: boolean;
}

/**
 * Adds the schema of `type`, and of every class nested in it, to `into` (by class name) and
 * returns the name. Properties without an optional marker (@IsOptional, @ValidateIf) are
 * required; no other property is accepted (the validation pipe forbids unknown fields).
 */
export function collectSchemas(type: Class, into: Map<string, JsonSchema>, options: SchemaOptions = {}): string {
  if (into.has(type.name)) return type.name;
  const properties: Record<string, JsonSchema> = {};
  const schema: JsonSchema = { type: 'object', additionalProperties: false, properties };
  into.set(type.name, schema);
  const required: string[] = [];
  const rules = getMetadataStorage().getTargetValidationMetadatas(type as never, '', true, false);
  for (const property of [...new Set(rules.map((rule) => rule.propertyName))]) {
    const own = rules.filter((rule) => rule.propertyName === property);
    const value: JsonSchema = {};
    const item: JsonSchema = {};
    for (const rule of own) {
      if (rule.type === 'conditionalValidation') continue;
      if (rule.type === 'nestedValidation') {
        const nested = defaultMetadataStorage.findTypeMetadata(type, property)?.typeFunction() as Class | undefined;
        if (!nested) throw new Error(`${type.name}.${property} is validated as nested but has no @Type`);
        Object.assign(rule.each ? item : value, { $ref: `#/components/schemas/${collectSchemas(nested, into, options)}` });
        continue;
      }
      const part = ruleSchema(rule);
      if (!part && options.strict) throw new Error(`no schema for the rule ${rule.name} (${type.name}.${property})`);
      Object.assign(rule.each ? item : value, part);
    }
    if (Object.keys(item).length) {
      value.type = 'array';
      value.items = item;
    }
    // A $ref cannot have siblings in OpenAPI 3.0 / JSON Schema draft 4-7.
    properties[property] = value.$ref && Object.keys(value).length > 1 ? { allOf: [{ $ref: value.$ref }] } : value;
    if (!own.some((rule) => rule.type === 'conditionalValidation')) required.push(property);
  }
  if (required.length) schema.required = required;
  return type.name;
}

/** Every class that carries class-validator rules, by name (for documents that know classes only by name). */
export function validatedClasses(): Map<string, Class> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Class, unknown> };
  return new Map([...storage.validationMetadatas.keys()].map((type) => [type.name, type]));
}
