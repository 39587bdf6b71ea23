import { Controller, Get, Headers, Logger, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { register } from 'prom-client';
import { OutboxRelay, outboxOldestPending, outboxPending } from '@jobfair/messaging';
import { bearsToken } from '../auth/operator-token';
import { Public } from '../auth/roles';
import { ServiceConfig } from '../config/service-config';

/**
 * `/metrics` in Prometheus' text format, for a scraper rather than a person: outside the
 * API document, and with `METRICS_TOKEN` set (required in production) only for a bearer
 * of that token.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly logger = new Logger(MetricsController.name);

  constructor(
    private readonly config: ServiceConfig,
    private readonly relay: OutboxRelay,
  ) {}

  @Get()
  @Public()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() response: Response): Promise<void> {
    this.authorize(authorization);
    await this.measureOutboxes();
    response.type(register.contentType).send(await register.metrics());
  }

  private authorize(authorization: string | undefined): void {
    const token = this.config.metricsToken;
    if (token && !bearsToken(authorization, token)) {
      throw new UnauthorizedException('the metrics token is required (Authorization: Bearer <METRICS_TOKEN>)');
    }
  }

  /** Measured at scrape time: a scan of the outboxes is cheap next to a scrape interval, and costs nothing between. */
  private async measureOutboxes(): Promise<void> {
    try {
      for (const { collection, events, oldest } of await this.relay.pending()) {
        outboxPending.set({ collection }, events);
        outboxOldestPending.set({ collection }, oldest ? (Date.now() - oldest.getTime()) / 1000 : 0);
      }
    } catch (error) {
      // The database away: the other metrics still tell the story (and readiness reports it).
      this.logger.warn(`outbox backlog not measured: ${(error as Error).message}`);
    }
  }
}
