import { Expose, Transform } from 'class-transformer';
import { ArrayNotEmpty, IsInt, IsNotEmpty, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { ServiceName, localServiceUrl } from '@jobfair/contracts';
import { ProductionSecret, ServiceConfig, toList } from '@jobfair/platform';

const DEVELOPMENT_ADMIN_PASSWORD = 'admin-change-me';
const PRODUCTION_ADMIN_PASSWORD_MIN_LENGTH = 12;
const toInt = ({ value }: { value: unknown }) => (value === undefined ? undefined : Number(value));
const url = { require_tld: false, require_protocol: true };

export type DomainService = Exclude<ServiceName, 'gateway'>;

/** One URL, or the URLs of a service's instances separated by commas: the gateway takes them in turn. */
function Instances(): PropertyDecorator {
  return (target, property) => {
    Transform(toList)(target, property);
    ArrayNotEmpty()(target, property);
    IsUrl(url, { each: true })(target, property);
  };
}

export class GatewayConfig extends ServiceConfig {
  @Expose({ name: 'EMPLOYERS_URL' }) @Instances() employersUrls = [localServiceUrl('employers')];
  @Expose({ name: 'SEEKERS_URL' }) @Instances() seekersUrls = [localServiceUrl('seekers')];
  @Expose({ name: 'FAIRS_URL' }) @Instances() fairsUrls = [localServiceUrl('fairs')];
  @Expose({ name: 'MATCHER_URL' }) @Instances() matcherUrls = [localServiceUrl('matcher')];

  /** Where each service's instances are. */
  instances(): Record<DomainService, string[]> {
    return { employers: this.employersUrls, seekers: this.seekersUrls, fairs: this.fairsUrls, matcher: this.matcherUrls };
  }

  /** How long the gateway waits for a service's answer before it answers 504. */
  @Expose({ name: 'PROXY_TIMEOUT_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(100)
  proxyTimeoutMs = 30000;

  /**
   * Requests one service may have in flight through the gateway; past it the gateway sheds
   * load with 503 at once. At ~10 ms a request this is far above what a healthy service
   * holds; only a service that fell behind reaches it.
   */
  @Expose({ name: 'UPSTREAM_MAX_IN_FLIGHT' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  upstreamMaxInFlight = 128;

  @Expose({ name: 'BUSY_RETRY_AFTER_SECONDS' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  busyRetryAfterSeconds = 1;

  /** The first administrator, created at the first start if no user of that name exists. */
  @Expose({ name: 'ADMIN_USERNAME' })
  @IsString()
  @IsNotEmpty()
  adminUsername = 'admin';

  @Expose({ name: 'ADMIN_PASSWORD' })
  @IsString()
  @MinLength(8)
  @ProductionSecret({ developmentValue: DEVELOPMENT_ADMIN_PASSWORD, minLength: PRODUCTION_ADMIN_PASSWORD_MIN_LENGTH })
  adminPassword = DEVELOPMENT_ADMIN_PASSWORD;

  /** Sign-in attempts allowed per client address and per username in one window (then 429). */
  @Expose({ name: 'SIGN_IN_LIMIT_PER_CLIENT' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  signInLimitPerClient = 20;

  @Expose({ name: 'SIGN_IN_LIMIT_PER_USERNAME' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  signInLimitPerUsername = 10;

  @Expose({ name: 'SIGN_IN_WINDOW_SECONDS' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 3600)
  signInWindowSeconds = 60;

  @Expose({ name: 'TOKEN_TTL_SECONDS' })
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  tokenTtlSeconds = 8 * 3600;

  /**
   * How long a gateway trusts what it read of a user's token version: a withdrawn token is
   * refused at once by the gateway that withdrew it, by the others within this time.
   */
  @Expose({ name: 'TOKEN_CHECK_CACHE_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60000)
  tokenCheckCacheMs = 2000;
}
