import { ArgumentsHost, Catch, ExceptionFilter, ServiceUnavailableException } from '@nestjs/common';
import { FastifyReply } from 'fastify';

/**
 * Terminus reports a failed check by throwing a 503 carrying the check result. The global error filter
 * would turn that unknown 5xx into a generic 500; probes and operators need the 503 and the details.
 */
@Catch(ServiceUnavailableException)
export class HealthCheckFailedFilter implements ExceptionFilter {
  catch(exception: ServiceUnavailableException, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(503).header('content-type', 'application/json').send(exception.getResponse());
  }
}
