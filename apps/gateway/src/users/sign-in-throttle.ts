import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';
import { GatewayConfig } from '../gateway-config';

/**
 * Guessing passwords at `POST /auth/token` is slowed twice over: per client address (one
 * machine trying many names) and per username (many machines trying one name).
 */
export const SignInThrottleModule = ThrottlerModule.forRootAsync({
  inject: [GatewayConfig],
  useFactory: (config: GatewayConfig) => ({
    throttlers: [
      { name: 'client', ttl: config.signInWindowSeconds * 1000, limit: config.signInLimitPerClient },
      {
        name: 'username',
        ttl: config.signInWindowSeconds * 1000,
        limit: config.signInLimitPerUsername,
        getTracker: (req: Record<string, any>) => `username:${String(req.body?.username ?? '').toLowerCase()}`,
      },
    ],
  }),
});

/** The throttler's guard, answering 429 with a plain `Retry-After` whichever of the two limits was reached. */
@Injectable()
export class SignInThrottleGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    context
      .switchToHttp()
      .getResponse<Response>()
      .setHeader('Retry-After', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
    return super.throwThrottlingException(context, detail);
  }
}
