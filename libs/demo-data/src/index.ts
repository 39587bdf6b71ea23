export * from './bodies';
export * from './generate';
export { Random } from './random';
