import { ServiceConfig, ServiceSpec } from '@jobfair/platform';
import { Topics, defaultPort } from '@jobfair/contracts';

export class EmployersConfig extends ServiceConfig {}

export const EMPLOYERS_SERVICE: ServiceSpec<EmployersConfig> = {
  name: 'employers',
  title: 'Employers service: employers and their openings',
  config: EmployersConfig,
  defaults: { PORT: String(defaultPort('employers')) },
  consumes: [Topics.fair, Topics.placement],
  produces: [Topics.employer, Topics.opening],
};
