import { ServiceConfig, ServiceSpec } from '@jobfair/platform';
import { Topics, defaultPort } from '@jobfair/contracts';

export class MatcherConfig extends ServiceConfig {}

export const MATCHER_SERVICE: ServiceSpec<MatcherConfig> = {
  name: 'matcher',
  title: 'Matcher service: matching runs, recommendations, review, placements and reports',
  config: MatcherConfig,
  defaults: { PORT: String(defaultPort('matcher')) },
  consumes: [Topics.opening, Topics.seeker, Topics.fair, Topics.attendance],
  produces: [Topics.matchingRun, Topics.match, Topics.placement],
};
