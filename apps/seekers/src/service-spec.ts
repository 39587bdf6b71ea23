import { Expose, Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { CentreServiceConfig, ServiceSpec, toInt } from '@jobfair/platform';
import { Topics, defaultPort } from '@jobfair/contracts';

const SECOND_MS = 1000;
const DAY_MS = 24 * 60 * 60 * SECOND_MS;
/** The longest wait between two expiry scans: a week. */
const MAX_EXPIRY_SCAN_DAYS = 7;

export class SeekersConfig extends CentreServiceConfig {
  /** How often the expiry job looks for documents that ran out (also once at start-up): daily by default. */
  @Expose({ name: 'EXPIRY_SCAN_INTERVAL_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(SECOND_MS)
  @Max(MAX_EXPIRY_SCAN_DAYS * DAY_MS)
  expiryScanIntervalMs = DAY_MS;
}

export const SEEKERS_SERVICE: ServiceSpec<SeekersConfig> = {
  name: 'seekers',
  title: 'Seekers service: seeker profiles (identity, skills, languages, preferences, history, consent)',
  config: SeekersConfig,
  defaults: { PORT: String(defaultPort('seekers')) },
  // Walk-in keys open the fairs' walk-in requests; seeker keys let fairs and the matcher open seeker events.
  consumes: [Topics.placement, Topics.attendance, Topics.walkInKey],
  produces: [Topics.seeker, Topics.seekerKey],
};
