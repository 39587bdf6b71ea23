import type { INestApplicationContext } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';

/** The topics that the event handlers (`@EventPattern` methods) of an application listen to. */
export function handledTopics(app: INestApplicationContext): string[] {
  const topics = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const controller of module.controllers.values()) {
      const prototype = controller.metatype?.prototype;
      if (!prototype) continue;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        const patterns = Reflect.getMetadata(PATTERN_METADATA, prototype[method]) as string[] | undefined;
        for (const pattern of patterns ?? []) topics.add(pattern);
      }
    }
  }
  return [...topics].sort();
}

/**
 * A service's spec is the one list of the topics it consumes (the consumer subscribes to
 * those, the README's table follows it): a handler nobody subscribes for, or a subscription
 * nobody handles, is a wiring mistake that stops the start.
 */
export function checkConsumedTopics(app: INestApplicationContext, service: string, consumes: readonly string[]): void {
  const handled = handledTopics(app);
  const listed = [...consumes].sort();
  const unlisted = handled.filter((t) => !listed.includes(t));
  const unhandled = listed.filter((t) => !handled.includes(t));
  if (unlisted.length || unhandled.length) {
    throw new Error(
      `${service}: its spec's consumed topics do not match its event handlers` +
        `${unlisted.length ? `; handled but not listed: ${unlisted.join(', ')}` : ''}` +
        `${unhandled.length ? `; listed but not handled: ${unhandled.join(', ')}` : ''}`,
    );
  }
}
