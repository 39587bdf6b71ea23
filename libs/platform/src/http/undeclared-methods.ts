import type { OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

/** A path template of the document (`/fairs/{id}`) as a pattern of request paths. */
function pathPattern(template: string): RegExp {
  const literal = (part: string) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^${template
      .split(/\{[^}]+\}/)
      .map(literal)
      .join('[^/]+')}/?$`,
  );
}

/**
 * A known path asked with a method the document does not declare is answered 405 with the
 * methods it does declare in `Allow` (HTTP's answer, and what the document promises), not the
 * router's 404 for an unknown path. HEAD goes where GET is; OPTIONS is left to the framework.
 */
export function rejectUndeclaredMethods(document: OpenAPIObject) {
  const routes = Object.entries(document.paths).map(([template, item]) => ({
    pattern: pathPattern(template),
    methods: METHODS.filter((method) => item[method]).map((method) => method.toUpperCase()),
  }));
  return (req: Request, res: Response, next: NextFunction) => {
    const allowed = new Set(routes.filter(({ pattern }) => pattern.test(req.path)).flatMap(({ methods }) => methods));
    if (allowed.has('GET')) allowed.add('HEAD');
    if (!allowed.size || allowed.has(req.method) || req.method === 'OPTIONS') return next();
    res
      .status(405)
      .set('Allow', [...allowed].join(', '))
      .json({ statusCode: 405, error: 'Method Not Allowed', message: `${req.method} is not one of ${[...allowed].join(', ')}` });
  };
}
