import type { OpenAPIObject } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { rejectUndeclaredMethods } from './undeclared-methods';

describe('rejectUndeclaredMethods', () => {
  const document = {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/fairs': { get: { responses: {} }, post: { responses: {} } },
      '/fairs/{id}/check-ins/{checkInId}': { get: { responses: {} } },
      '/fairs/{id}/check-ins/batch': { post: { responses: {} } },
    },
  } as OpenAPIObject;
  const reject = rejectUndeclaredMethods(document);

  /** What the middleware did with one request: passed it on, or answered it. */
  function ask(method: string, path: string) {
    const answer: { status?: number; allow?: string; passed: boolean } = { passed: false };
    const res = {
      status: (code: number) => ((answer.status = code), res),
      set: (_name: string, value: string) => ((answer.allow = value), res),
      json: () => res,
    } as unknown as Response;
    reject({ method, path } as Request, res, () => (answer.passed = true));
    return answer;
  }

  it('answers 405 with the declared methods for a known path asked with another method', () => {
    expect(ask('TRACE', '/fairs')).toEqual({ passed: false, status: 405, allow: 'GET, POST, HEAD' });
    expect(ask('DELETE', '/fairs/f1/check-ins/c1')).toMatchObject({ status: 405, allow: 'GET, HEAD' });
    // Both templates match `batch`, and the router would serve both.
    expect(ask('PUT', '/fairs/f1/check-ins/batch')).toMatchObject({ status: 405, allow: 'GET, POST, HEAD' });
  });

  it('passes on declared methods, HEAD where GET is, OPTIONS, and paths the document does not know', () => {
    for (const [method, path] of [
      ['GET', '/fairs'],
      ['HEAD', '/fairs/'],
      ['OPTIONS', '/fairs'],
      ['TRACE', '/fairs/f1'],
      ['TRACE', '/api/docs'],
    ]) {
      expect(ask(method, path)).toEqual({ passed: true });
    }
  });
});
