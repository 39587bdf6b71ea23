import { Expose, Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { CentreServiceConfig, ServiceSpec, toInt } from '@jobfair/platform';
import { Topics, defaultPort } from '@jobfair/contracts';

export class FairsConfig extends CentreServiceConfig {
  /**
   * How long check-ins reuse a fair as read (its status decides whether they are taken): this
   * process's own changes to the fair clear it at once, another instance's show this late.
   */
  @Expose({ name: 'FAIR_CACHE_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10000)
  fairCacheMs = 1000;
}

export const FAIRS_SERVICE: ServiceSpec<FairsConfig> = {
  name: 'fairs',
  title: 'Fairs service: fairs, booths, registrations and check-ins',
  config: FairsConfig,
  defaults: { PORT: String(defaultPort('fairs')) },
  // Openings fill booths; seekers (opened with their keys) are who registers and checks in; matches and placements feed fair statistics.
  consumes: [Topics.opening, Topics.seeker, Topics.seekerKey, Topics.match, Topics.placement],
  // Walk-in requests go sealed, their keys on the walk-in key topic.
  produces: [Topics.fair, Topics.attendance, Topics.walkInKey],
};
