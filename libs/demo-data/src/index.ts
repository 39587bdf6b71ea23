export * from './bodies';
export * from './generate';
export * from './lifecycle';
export { Random } from './random';
