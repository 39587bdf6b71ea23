import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { documentKey, documentValidities, expiredBy } from '@jobfair/matching';
import { SeekersConfig } from '../service-spec';
import { SeekersService } from './seekers.service';

/**
 * The daily expiry job: finds the test results, medical checks and roster entries that ran out
 * (libs/matching's validity clocks) and tells each once with SeekerDocumentExpired. What was
 * told is kept in the seeker's own document, written with the event (outbox), so a restart, a
 * second instance or a repeated round tells nothing twice; a renewed document is a new one.
 * Runs at start-up and every `EXPIRY_SCAN_INTERVAL_MS`.
 */
@Injectable()
export class DocumentExpiryJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DocumentExpiryJob.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly seekers: SeekersService,
    private readonly config: SeekersConfig,
  ) {}

  onApplicationBootstrap(): void {
    const round = () =>
      void this.scan().catch((error: Error) => this.logger.warn(`expiry scan failed: ${error.message}; next round retries`));
    round();
    this.timer = setInterval(round, this.config.expiryScanIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One round (overlapping calls share it): how many expiries it told. */
  scan(today: Date = new Date()): Promise<number> {
    this.running ??= this.round(today).finally(() => (this.running = undefined));
    return this.running;
  }

  private async round(today: Date): Promise<number> {
    let told = 0;
    for (const seeker of await this.seekers.datedDocuments()) {
      const known = new Set(seeker.expiredDocuments ?? []);
      for (const doc of expiredBy(documentValidities(seeker), today)) {
        const key = documentKey(doc);
        if (!known.has(key) && (await this.seekers.tellExpiry(seeker._id, doc, key))) told++;
      }
    }
    if (told) this.logger.log(`told ${told} expired document(s)`);
    return told;
  }
}
