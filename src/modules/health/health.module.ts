import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { DatabaseHealthIndicator } from './database.health';
import { HealthController } from './health.controller';

@Module({
  controllers: [HealthController],
  imports: [TerminusModule.forRoot({ logger: false })],
  providers: [DatabaseHealthIndicator],
})
export class HealthModule {}
