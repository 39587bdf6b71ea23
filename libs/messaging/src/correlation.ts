import { AsyncLocalStorage } from 'async_hooks';

/**
 * The flow a piece of work belongs to: an HTTP request's id, or the correlation id of the
 * event being handled. Events written meanwhile carry it on, so a check-in, the events it
 * causes in other services and their log lines share one id.
 */
const flow = new AsyncLocalStorage<string>();

export function withCorrelation<T>(correlationId: string, work: () => T): T {
  return flow.run(correlationId, work);
}

export function currentCorrelationId(): string | undefined {
  return flow.getStore();
}
