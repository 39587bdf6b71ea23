import { Expose, Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { defaultPort, localServiceUrl } from '@jobfair/contracts';
import { ProductionSecret, ServiceConfig, ServiceSpec } from '@jobfair/platform';
import { serveMergedDocs } from './docs/api-docs';
import { mountServiceProxy } from './proxy/service-proxy';
import { serveWebUi } from './web/web-ui';

const DEVELOPMENT_ADMIN_PASSWORD = 'admin-change-me';
const PRODUCTION_ADMIN_PASSWORD_MIN_LENGTH = 12;
const toInt = ({ value }: { value: unknown }) => (value === undefined ? undefined : Number(value));
const url = { require_tld: false, require_protocol: true };

export class GatewayConfig extends ServiceConfig {
  @Expose({ name: 'EMPLOYERS_URL' }) @IsUrl(url) employersUrl = localServiceUrl('employers');
  @Expose({ name: 'SEEKERS_URL' }) @IsUrl(url) seekersUrl = localServiceUrl('seekers');
  @Expose({ name: 'FAIRS_URL' }) @IsUrl(url) fairsUrl = localServiceUrl('fairs');
  @Expose({ name: 'MATCHER_URL' }) @IsUrl(url) matcherUrl = localServiceUrl('matcher');

  /** The first administrator, created at the first start if no user of that name exists. */
  @Expose({ name: 'ADMIN_USERNAME' }) @IsString() @IsNotEmpty()
  adminUsername = 'admin';

  @Expose({ name: 'ADMIN_PASSWORD' }) @IsString() @MinLength(8)
  @ProductionSecret({ developmentValue: DEVELOPMENT_ADMIN_PASSWORD, minLength: PRODUCTION_ADMIN_PASSWORD_MIN_LENGTH })
  adminPassword = DEVELOPMENT_ADMIN_PASSWORD;

  @Expose({ name: 'TOKEN_TTL_SECONDS' }) @Transform(toInt) @IsInt() @Min(60) @Max(7 * 24 * 3600)
  tokenTtlSeconds = 8 * 3600;
}

export const GATEWAY_SERVICE: ServiceSpec<GatewayConfig> = {
  name: 'gateway',
  title: 'Job-fair platform API',
  config: GatewayConfig,
  defaults: { PORT: String(defaultPort('gateway')) },
  consumes: [],
  produces: [],
  configure: (app, config) => {
    // Everything public is under /api; health stays where every service has it.
    app.setGlobalPrefix('api', { exclude: ['health', 'health/ready'] });
    mountServiceProxy(app, config);
    serveWebUi(app);
  },
  serveDocs: serveMergedDocs,
};
