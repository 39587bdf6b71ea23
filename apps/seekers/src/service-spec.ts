import { ServiceConfig, ServiceSpec } from '@jobfair/platform';
import { Topics, defaultPort } from '@jobfair/contracts';

export class SeekersConfig extends ServiceConfig {}

export const SEEKERS_SERVICE: ServiceSpec<SeekersConfig> = {
  name: 'seekers',
  title: 'Seekers service: seeker profiles (identity, skills, languages, preferences, history, consent)',
  config: SeekersConfig,
  defaults: { PORT: String(defaultPort('seekers')) },
  consumes: [Topics.placement, Topics.attendance],
  produces: [Topics.seeker],
};
