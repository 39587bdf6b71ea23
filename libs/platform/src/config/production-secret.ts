import { ValidationArguments, registerDecorator } from 'class-validator';

export interface ProductionSecretOptions {
  /** The value that makes a fresh checkout work; published in the README, so worthless as a secret. */
  developmentValue: string;
  /** The shortest value accepted in production. */
  minLength: number;
}

/**
 * A secret that may keep its development value on a laptop but not with
 * `NODE_ENV=production`: there it must be changed and at least `minLength` long. (Anyone
 * who read the README could otherwise sign an admin token or sign in as the administrator.)
 */
export function ProductionSecret(options: ProductionSecretOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'productionSecret',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          (args.object as { nodeEnv?: string }).nodeEnv !== 'production' ||
          (typeof value === 'string' && value !== options.developmentValue && value.length >= options.minLength),
        defaultMessage: () =>
          `must be set to a value of your own, at least ${options.minLength} characters, when NODE_ENV=production (the development default is public)`,
      },
    });
}
