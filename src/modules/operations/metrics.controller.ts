import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { EngineMetrics } from '../../infrastructure/observability/engine-metrics';

/**
 * Prometheus scrape target. Left out of the OpenAPI document: it is text for Prometheus, not part of
 * either API face, and SDKs generated from the document should not grow a method for it.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: EngineMetrics) {}

  @Get()
  getMetrics(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    void reply.header('content-type', this.metrics.contentType);
    return this.metrics.render();
  }
}
