import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, isISO31661Alpha2 } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * JSON Schemas read from the class-validator (and class-transformer @Type) metadata of
 * classes: the very rules the code checks, so a schema built here cannot drift from them.
 * Used for the event catalogue (AsyncAPI) and to complete the services' OpenAPI documents.
 */
export type JsonSchema = Record<string, unknown>;
type Class = abstract new (...args: never[]) => unknown;

/**
 * Every code the validator accepts, asked of the validator itself (`^[A-Z]{2}$` would let `AA` through), as
 * one pattern grouped by first letter: `^(?:A[DEFG...]|B[...]|...)$`. A pattern, not an enum of 249 values,
 * keeps documents short and generated tests few.
 */
const COUNTRY_CODE_PATTERN = (() => {
  const letters = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i));
  const groups = letters
    .map((first) => [first, letters.filter((second) => isISO31661Alpha2(first + second)).join('')])
    .filter(([, seconds]) => seconds)
    .map(([first, seconds]) => `${first}[${seconds}]`);
  return `^(?:${groups.join('|')})$`;
})();

const CROSS_FIELD_RULES = Symbol('crossFieldRules');

/**
 * The schema of a rule spanning several fields of a class (a check the field validators cannot
 * see, done in code beside it), in JSON Schema's own words, e.g. `oneOf` of `required` lists:
 * merged into the class's schema so that documents say it too.
 */
export function CrossFieldRule(schema: JsonSchema): ClassDecorator {
  return (target) => Reflect.defineMetadata(CROSS_FIELD_RULES, schema, target);
}

/** Schema of one rule; undefined when the rule is not one a schema can state. */
function ruleSchema(rule: ValidationMetadata): JsonSchema | undefined {
  const [first, second] = (rule.constraints ?? []) as unknown[];
  switch (rule.name) {
    case 'isString':
      return { type: 'string' };
    case 'isNotEmpty':
      return { minLength: 1 };
    case 'isDefined':
      return {}; // a nested object that must be there: `required` says it, as for every field without IsOptional
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
      return {
        type: 'string',
        format: 'date',
        // The strict check refuses the years 0000 to 0099.
        ...((first as { strict?: boolean } | undefined)?.strict ? { pattern: '^(?:[1-9]\\d{3}|0[1-9]\\d{2})-' } : {}),
        description: 'ISO 8601 date (a date and time is accepted too)',
      };
    case 'isISO31661Alpha2':
      return { type: 'string', pattern: COUNTRY_CODE_PATTERN, description: 'ISO 3166-1 alpha-2 country code' };
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
  const schema: JsonSchema = { type: 'object', additionalProperties: false, properties, ...Reflect.getMetadata(CROSS_FIELD_RULES, type) };
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
