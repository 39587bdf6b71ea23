// The services of the system and their default ports: one list, read by the services' own
// defaults, the gateway's routes to them, the local supervisor (deploy/local/services.js) and the tools.
import topology from './services.json';

export type ServiceName = 'employers' | 'seekers' | 'fairs' | 'matcher' | 'gateway';

/** In start order: the gateway last, since it fronts the others. */
export const SERVICES = topology.services as readonly { name: ServiceName; port: number }[];

export function defaultPort(name: ServiceName): number {
  return SERVICES.find((s) => s.name === name)!.port;
}

/** Where a service listens on this machine when nothing else is configured. */
export function localServiceUrl(name: ServiceName): string {
  return `http://127.0.0.1:${defaultPort(name)}`;
}
