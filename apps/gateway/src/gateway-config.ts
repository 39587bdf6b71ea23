import { Expose, Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { ServiceConfig } from '@jobfair/platform';

const toInt = ({ value }: { value: unknown }) => (value === undefined ? undefined : Number(value));
const url = { require_tld: false, require_protocol: true };

export class GatewayConfig extends ServiceConfig {
  @Expose({ name: 'EMPLOYERS_URL' }) @IsUrl(url) employersUrl = 'http://127.0.0.1:3001';
  @Expose({ name: 'SEEKERS_URL' }) @IsUrl(url) seekersUrl = 'http://127.0.0.1:3002';
  @Expose({ name: 'FAIRS_URL' }) @IsUrl(url) fairsUrl = 'http://127.0.0.1:3003';
  @Expose({ name: 'MATCHER_URL' }) @IsUrl(url) matcherUrl = 'http://127.0.0.1:3004';

  /** The first administrator, created at the first start if no user of that name exists. */
  @Expose({ name: 'ADMIN_USERNAME' }) @IsString() @IsNotEmpty()
  adminUsername = 'admin';

  @Expose({ name: 'ADMIN_PASSWORD' }) @IsString() @MinLength(8)
  adminPassword = 'admin-change-me';

  @Expose({ name: 'TOKEN_TTL_SECONDS' }) @Transform(toInt) @IsInt() @Min(60) @Max(7 * 24 * 3600)
  tokenTtlSeconds = 8 * 3600;
}
