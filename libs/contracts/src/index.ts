// Decorator metadata for class-validator/class-transformer, also when contracts are used outside Nest.
import 'reflect-metadata';
export * from './envelope';
export * from './topics';
export * from './vocabulary';
export * from './values';
export * from './programme-caps';
export * from './registry';
export * from './json-schema';
export * from './personal-data';
export * from './events/employers';
export * from './events/seekers';
export * from './events/fairs';
export * from './events/matching';
export * from './services';
