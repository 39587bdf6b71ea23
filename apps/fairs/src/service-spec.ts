import { ServiceConfig, ServiceSpec } from '@jobfair/platform';
import { Topics, defaultPort } from '@jobfair/contracts';

export class FairsConfig extends ServiceConfig {}

export const FAIRS_SERVICE: ServiceSpec<FairsConfig> = {
  name: 'fairs',
  title: 'Fairs service: fairs, booths, registrations and check-ins',
  config: FairsConfig,
  defaults: { PORT: String(defaultPort('fairs')) },
  // Openings fill booths; seekers are who registers and checks in; matches and placements feed fair statistics.
  consumes: [Topics.opening, Topics.seeker, Topics.match, Topics.placement],
  produces: [Topics.fair, Topics.attendance],
};
