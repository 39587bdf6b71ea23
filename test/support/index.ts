export * from '@jobfair/http-client';
export * from './system';
export * from './system-config';
export * from './eventually';
export * from './commands';
export * from './kafka-probe';
export * from './faults';
export * from './gateway-process';
export * from './service-process';

export * from './supervisor';
export * from './event-injector';
export * from './database';
export * from './service-logs';
export * from './personal-data';
export * from './placements';
