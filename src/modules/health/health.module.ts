import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { DatabaseHealthIndicator } from './database.health';
import { HealthController } from './health.controller';
import { RedisHealthIndicator } from './redis.health';

@Module({
  controllers: [HealthController],
  imports: [TerminusModule.forRoot({ logger: false })],
  providers: [DatabaseHealthIndicator, RedisHealthIndicator],
})
export class HealthModule {}
