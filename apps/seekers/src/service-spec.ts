import { CentreServiceConfig, ServiceSpec } from '@jobfair/platform';
import { Topics, defaultPort } from '@jobfair/contracts';

export class SeekersConfig extends CentreServiceConfig {}

export const SEEKERS_SERVICE: ServiceSpec<SeekersConfig> = {
  name: 'seekers',
  title: 'Seekers service: seeker profiles (identity, skills, languages, preferences, history, consent)',
  config: SeekersConfig,
  defaults: { PORT: String(defaultPort('seekers')) },
  // Walk-in keys open the fairs' walk-in requests; seeker keys let fairs and the matcher open seeker events.
  consumes: [Topics.placement, Topics.attendance, Topics.walkInKey],
  produces: [Topics.seeker, Topics.seekerKey],
};
