import { JwtService } from '@nestjs/jwt';
import { defaultPort } from '@jobfair/contracts';
import { ServiceSpec } from '@jobfair/platform';
import { serveMergedDocs } from './docs/api-docs';
import { GatewayConfig } from './gateway-config';
import { mountServiceProxy } from './proxy/service-proxy';
import { UsersService } from './users/users.service';
import { refuseWithdrawnTokens } from './users/withdrawn-tokens';
import { serveWebUi } from './web/web-ui';

export const GATEWAY_SERVICE: ServiceSpec<GatewayConfig> = {
  name: 'gateway',
  title: 'Job-fair platform API',
  config: GatewayConfig,
  defaults: { PORT: String(defaultPort('gateway')) },
  consumes: [],
  produces: [],
  configure: (app, config) => {
    // Everything public is under /api; health and metrics stay where every service has them.
    app.setGlobalPrefix('api', { exclude: ['health', 'health/ready', 'metrics'] });
    mountServiceProxy(app, config, refuseWithdrawnTokens(app.get(UsersService), app.get(JwtService), config.busyRetryAfterSeconds));
    serveWebUi(app);
  },
  serveDocs: serveMergedDocs,
};
