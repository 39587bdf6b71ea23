import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';

type Class = abstract new (...args: never[]) => unknown;

/** The classes a route validates its whole body and its whole query string as. */
export interface RouteInputs {
  body?: Class;
  query?: Class;
}

interface RouteArgument {
  index: number;
  data?: unknown;
}

/**
 * Every route's input classes, by the operation id @nestjs/swagger gives the route
 * (`<controller class>_<method>`). The document knows a body only by its class's name (a
 * mapped type such as PartialType carries its rules on a hidden parent class) and a query
 * class not at all (its properties become parameters), so this is where they are found.
 */
export function routeInputs(app: INestApplication): Map<string, RouteInputs> {
  const inputs = new Map<string, RouteInputs>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      for (const method of Object.getOwnPropertyNames(metatype.prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, method) ?? {}) as Record<string, RouteArgument>;
        const types = (Reflect.getMetadata('design:paramtypes', metatype.prototype, method) ?? []) as Class[];
        // `@Body()` / `@Query()` without a name take the whole input; `@Query('x')` is one parameter of its own.
        const whole = (kind: RouteParamtypes) =>
          Object.entries(args).find(([key, arg]) => Number(key.split(':')[0]) === kind && arg.data === undefined)?.[1].index;
        const body = whole(RouteParamtypes.BODY);
        const query = whole(RouteParamtypes.QUERY);
        if (body === undefined && query === undefined) continue;
        inputs.set(`${metatype.name}_${method}`, {
          body: body === undefined ? undefined : types[body],
          query: query === undefined ? undefined : types[query],
        });
      }
    }
  }
  return inputs;
}
