import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge } from 'prom-client';

export interface AdmissionLimits {
  /** Proxied requests one service may have in flight; the next is refused at once. */
  maxInFlight: number;
  /** What a refused client is told to wait before retrying. */
  retryAfterSeconds: number;
}

const inFlightRequests = new Gauge({
  name: 'gateway_upstream_in_flight_requests',
  help: 'Proxied requests waiting for their service, by service',
  labelNames: ['service'] as const,
});

const shedRequests = new Counter({
  name: 'gateway_shed_requests_total',
  help: 'Requests refused with 503 because their service had its limit of requests in flight, by service',
  labelNames: ['service'] as const,
});

/**
 * Load shedding in front of each service. An overloaded service answers later and later;
 * queueing more requests for it only makes every answer late (the gateway used to wait
 * 60 s and answer 502 for writes that had been stored). Past its limit a service gets no
 * more requests and the client gets 503 with Retry-After at once: it may retry, and
 * creating requests carry an Idempotency-Key, so a retry never doubles a write.
 */
export class UpstreamAdmission {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly limits: AdmissionLimits) {}

  /** Express middleware admitting requests for the service `serviceOf` names (others pass untouched). */
  middleware(serviceOf: (req: Request) => string | undefined) {
    return (req: Request, res: Response, next: NextFunction): void => {
      const service = serviceOf(req);
      if (service === undefined) return next();
      const busy = this.inFlight.get(service) ?? 0;
      if (busy >= this.limits.maxInFlight) {
        shedRequests.inc({ service });
        res
          .status(503)
          .set('Retry-After', String(this.limits.retryAfterSeconds))
          .json({
            statusCode: 503,
            error: 'Service Unavailable',
            message: `the service is busy: retry after ${this.limits.retryAfterSeconds} s`,
          });
        return;
      }
      this.track(service, +1);
      // 'close' fires once, when the answer is sent or the client went away, whichever comes first.
      res.once('close', () => this.track(service, -1));
      next();
    };
  }

  private track(service: string, change: number): void {
    const count = (this.inFlight.get(service) ?? 0) + change;
    this.inFlight.set(service, count);
    inFlightRequests.set({ service }, count);
  }
}
