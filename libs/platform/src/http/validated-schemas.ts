import type { OpenAPIObject } from '@nestjs/swagger';
import { JsonSchema, collectSchemas, validatedClasses } from '@jobfair/contracts';

/**
 * Completes the body schemas of an OpenAPI document from the DTO classes' class-validator
 * rules (what the validation pipe enforces): required fields, enums, lengths, patterns,
 * ranges, integer types, nested value types (which @nestjs/swagger leaves as empty objects
 * without @ApiProperty({ type })), and that unknown fields are refused. What the
 * @ApiProperty decorators say besides (descriptions, examples) is kept.
 */
export function completeSchemasFromValidation(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ?? {};
  const classes = validatedClasses();
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
      const { description, example, default: fallback } = properties[property] ?? {};
      properties[property] = {
        ...rules,
        ...(description === undefined ? {} : { description }),
        ...(example === undefined ? {} : { example }),
      };
      if (fallback !== undefined && !rules.$ref) properties[property].default = fallback;
    }
    documented.required = schema.required;
    if (!schema.required) delete documented.required;
    documented.additionalProperties = false;
  }
  document.components.schemas = schemas;
  return document;
}
