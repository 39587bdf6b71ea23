import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Topic } from '@jobfair/contracts';
import type { ServiceConfig } from './config/service-config';

/** What a service is: its name, its configuration and the topics it reads and writes. */
export interface ServiceSpec<C extends ServiceConfig = ServiceConfig> {
  name: string;
  title: string;
  config: new () => C;
  /** Defaults for this service's variables, e.g. its port. */
  defaults: Record<string, string>;
  consumes: readonly Topic[];
  produces: readonly Topic[];
  /** Serves the OpenAPI document; by default at `/docs` and `/docs-json` (the gateway merges all services'). */
  serveDocs?: (app: NestExpressApplication, document: OpenAPIObject, config: C) => void;
  /** Extra wiring before the app listens (the gateway mounts its proxy here). */
  configure?: (app: NestExpressApplication, config: C) => void;
}

export const SERVICE_SPEC = Symbol('SERVICE_SPEC');

/** A service that neither consumes nor produces events does not need Kafka to be ready. */
export function usesKafka(spec: ServiceSpec<any>): boolean {
  return spec.consumes.length + spec.produces.length > 0;
}
