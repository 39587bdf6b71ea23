import type { OpenAPIObject } from '@nestjs/swagger';

/** The body of every error answer (Nest's exceptions, the validation pipe, the database error filter). */
const ERROR_BODY = {
  type: 'object',
  required: ['statusCode', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: {
      description: 'what is wrong; for invalid input one `field: reason` line per bad field',
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    },
  },
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const WRITES = new Set<string>(['put', 'post', 'delete', 'patch']);

/**
 * Declares in the OpenAPI document the error answers every route can give, so clients (and
 * the contract fuzz) find them there: 400 where there is input to refuse (a body, a query or
 * a path parameter), 404 where the path or a write's body names something by id, 409 on writes (a duplicate
 * key, a state that forbids the change, or a concurrent writer), 401 and 403 where the route
 * asks for a bearer token (its roles decide). A route that declares a code itself keeps its own.
 */
export function declareErrorResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ErrorResponse: ERROR_BODY } };
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
  });
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const responses = (operation.responses ??= {});
      const add = (code: string, description: string) => (responses[code] ??= error(description));
      if (operation.security?.length) {
        add('401', 'no valid bearer token');
        add('403', "the token's role may not do this");
      }
      if (operation.requestBody || operation.parameters?.length) add('400', 'invalid input: every bad field named');
      // A write's body may name another resource (a fair, a match) that does not exist.
      if (path.includes('{') || (WRITES.has(method) && operation.requestBody)) add('404', 'no such resource');
      if (WRITES.has(method)) add('409', 'conflicts with the current state (duplicate, forbidden transition, concurrent change)');
    }
  }
  return document;
}
