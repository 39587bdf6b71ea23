import { ServiceConfig, ServiceSpec } from '@jobfair/platform';
import { Topics } from '@jobfair/contracts';

export class EmployersConfig extends ServiceConfig {}

export const EMPLOYERS_SERVICE: ServiceSpec<EmployersConfig> = {
  name: 'employers',
  title: 'Employers service: employers and their openings',
  config: EmployersConfig,
  defaults: { PORT: '3001' },
  consumes: [Topics.fair, Topics.placement],
  produces: [Topics.employer, Topics.opening],
};
