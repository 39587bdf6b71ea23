import type { OpenAPIObject, ParameterObject, ReferenceObject } from '@nestjs/swagger';
import { JsonSchema, collectSchemas, validatedClasses } from '@jobfair/contracts';
import type { RouteInputs } from './route-inputs';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Completes the body schemas of an OpenAPI document from the DTO classes' class-validator
 * rules (what the validation pipe enforces): required fields, enums, lengths, patterns,
 * ranges, integer types, nested value types (which @nestjs/swagger leaves as empty objects
 * without @ApiProperty({ type })), rules spanning fields, and that unknown fields are refused;
 * and the query parameters of the routes in `inputs` the same way. What the @ApiProperty
 * decorators say besides (descriptions, examples) is kept.
 */
export function completeSchemasFromValidation(document: OpenAPIObject, inputs = new Map<string, RouteInputs>()): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ?? {};
  const classes = validatedClasses();
  const operations = Object.values(document.paths).flatMap((item) => METHODS.flatMap((method) => item[method] ?? []));
  for (const operation of operations) {
    const { body, query } = inputs.get(operation.operationId ?? '') ?? {};
    const ref = (operation.requestBody as { content?: Record<string, { schema?: ReferenceObject }> } | undefined)?.content?.[
      'application/json'
    ]?.schema?.$ref;
    if (body && ref) classes.set(ref.split('/').pop()!, body);
    if (query) completeQueryParameters(operation.parameters ?? [], query);
  }
  const derived = new Map<string, JsonSchema>();
  for (const name of Object.keys(schemas)) {
    const type = classes.get(name);
    if (type) collectSchemas(type, derived);
  }
  for (const [name, schema] of derived) {
    const documented = schemas[name] as JsonSchema | undefined;
    if (!documented) {
      schemas[name] = schema; // a nested value type the document did not have
      continue;
    }
    const properties = (documented.properties ??= {}) as Record<string, JsonSchema>;
    for (const [property, rules] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
      properties[property] = withDocumented(rules, properties[property]);
    }
    documented.required = schema.required;
    if (!schema.required) delete documented.required;
    for (const rule of ['anyOf', 'oneOf', 'allOf', 'not'] as const) if (schema[rule]) documented[rule] = schema[rule];
    documented.additionalProperties = false;
  }
  document.components.schemas = schemas;
  return document;
}

/** The validation rules of a property, with what the document said of it besides. */
function withDocumented(rules: JsonSchema, documented: JsonSchema = {}): JsonSchema {
  const { description, example, default: fallback } = documented;
  return {
    ...rules,
    ...(description === undefined ? {} : { description }),
    ...(example === undefined ? {} : { example }),
    ...(fallback === undefined || rules.$ref ? {} : { default: fallback }),
  };
}

/** A query class's rules on the parameters @nestjs/swagger made of its properties. */
function completeQueryParameters(parameters: (ParameterObject | ReferenceObject)[], query: RouteInputs['query'] & object): void {
  const derived = new Map<string, JsonSchema>();
  const schema = derived.get(collectSchemas(query, derived))!;
  const rules = schema.properties as Record<string, JsonSchema>;
  for (const parameter of parameters) {
    if (!('in' in parameter) || parameter.in !== 'query' || !rules[parameter.name]) continue;
    parameter.schema = withDocumented(rules[parameter.name], parameter.schema as JsonSchema | undefined);
    parameter.required = ((schema.required as string[] | undefined) ?? []).includes(parameter.name);
  }
}
