import { Controller, Get, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorFunction } from '@nestjs/terminus';

import { DatabaseHealthIndicator } from './database.health';
import { HealthCheckFailedFilter } from './health-check-failed.filter';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('Operations')
@Controller('health')
@UseFilters(HealthCheckFailedFilter)
export class HealthController {
  private readonly checks: HealthIndicatorFunction[];

  constructor(
    private readonly health: HealthCheckService,
    database: DatabaseHealthIndicator,
    redis: RedisHealthIndicator,
  ) {
    this.checks = [() => database.check('database'), ...(redis.enabled ? [() => redis.check('redis')] : [])];
  }

  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Health of the engine, its database and (with REDIS_URL) Redis; no authentication needed' })
  @ApiOkResponse({
    description: 'Everything is up',
    schema: {
      example: {
        status: 'ok',
        info: { database: { status: 'up', driver: 'postgres' }, redis: { status: 'up' } },
        error: {},
        details: { database: { status: 'up', driver: 'postgres' }, redis: { status: 'up' } },
      },
    },
  })
  @ApiServiceUnavailableResponse({
    description: 'A dependency is down; `error` names it',
    schema: {
      example: {
        status: 'error',
        info: { database: { status: 'up', driver: 'postgres' } },
        error: { redis: { status: 'down', message: 'not connected (connect ECONNREFUSED 127.0.0.1:6379)' } },
        details: { database: { status: 'up', driver: 'postgres' }, redis: { status: 'down', message: 'not connected (connect ECONNREFUSED 127.0.0.1:6379)' } },
      },
    },
  })
  getHealth(): Promise<HealthCheckResult> {
    return this.health.check(this.checks);
  }
}
