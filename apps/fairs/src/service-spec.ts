import { CentreServiceConfig, ServiceSpec } from '@jobfair/platform';
import { Topics, defaultPort } from '@jobfair/contracts';

export class FairsConfig extends CentreServiceConfig {}

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
