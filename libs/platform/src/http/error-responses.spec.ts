import type { OpenAPIObject } from '@nestjs/swagger';
import { declareErrorResponses } from './error-responses';

describe('declareErrorResponses', () => {
  const document = (): OpenAPIObject => ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/fairs': {
        get: { responses: { 200: { description: 'ok' } } },
        post: { requestBody: { content: {} }, responses: { 201: { description: 'created' } } },
      },
      '/fairs/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true }],
          security: [{ bearer: [] }],
          responses: { 200: { description: 'ok' } },
        },
        delete: { parameters: [{ name: 'id', in: 'path', required: true }], responses: { 409: { description: 'own words' } } },
      },
    },
  });

  it('declares 400 where there is input, 404 where the path or a body names an id, 409 on writes, 401/403 with a token', () => {
    const paths = declareErrorResponses(document()).paths;
    expect(Object.keys(paths['/fairs'].get!.responses).sort()).toEqual(['200']);
    expect(Object.keys(paths['/fairs'].post!.responses).sort()).toEqual(['201', '400', '404', '409']);
    expect(Object.keys(paths['/fairs/{id}'].get!.responses).sort()).toEqual(['200', '400', '401', '403', '404']);
    expect(Object.keys(paths['/fairs/{id}'].delete!.responses).sort()).toEqual(['400', '404', '409']);
  });

  it("keeps a route's own description and describes the error body once", () => {
    const result = declareErrorResponses(document());
    expect(result.paths['/fairs/{id}'].delete!.responses['409']).toEqual({ description: 'own words' });
    expect(result.paths['/fairs'].post!.responses['400']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
    });
    expect(result.components?.schemas?.ErrorResponse).toMatchObject({ required: ['statusCode', 'message'] });
  });
});
