import { DynamicModule, ExecutionContext, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';

import { AppConfig } from '../../config/configuration';

/** The health check stays reachable for load balancers and orchestrators whatever the limit. */
function isHealthCheck(context: ExecutionContext): boolean {
  const request = context.switchToHttp().getRequest<{ url?: string }>();
  return request.url === '/health' || (request.url ?? '').startsWith('/health?');
}

/**
 * The optional rate limit (RATE_LIMIT_PER_MINUTE requests per minute per client address) as a global
 * guard; with the setting at 0 (the default) the module registers nothing. A refused request gets 429 with
 * the common error body (the exception filter renders ThrottlerException) and a Retry-After header.
 */
@Module({})
export class RateLimitModule {
  static forRoot(config: AppConfig): DynamicModule {
    const limit = config.http.rateLimitPerMinute;
    if (limit === 0) return { module: RateLimitModule };
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          // The default name keeps the standard header names (Retry-After, X-RateLimit-Limit, …).
          throttlers: [{ ttl: 60_000, limit }],
          skipIf: isHealthCheck,
          // One budget per client address across all routes (the library's default counts per route).
          generateKey: (_context, tracker, name) => `${name}:${tracker}`,
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
    };
  }
}
