export * from './api-client';
export * from './system';
export * from './system-config';
export * from './eventually';
export * from './kafka-probe';
export * from './faults';
export * from './event-injector';
