import { ServerResponse } from 'node:http';

import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';

import { ApiError, ErrorCode } from '../../common/errors/api-error';
import { canSeeTenant, visibleTenants } from '../../infrastructure/auth/request-context';
import { InstanceEvent, InstanceEventBus } from '../../infrastructure/events/instance-event-bus';
import { Database } from '../../infrastructure/persistence/database';

const HEARTBEAT_MS = 15_000;

type Filter = (event: InstanceEvent) => boolean;

/** Server-Sent Events of committed steps, filtered to one instance or one correlation. */
@Injectable()
export class InstanceStreamService implements BeforeApplicationShutdown {
  private readonly live = new Set<ServerResponse>();

  constructor(
    private readonly db: Database,
    private readonly bus: InstanceEventBus,
  ) {}

  async instanceFilter(id: string): Promise<Filter> {
    const [row] = await this.db.read((sql) => sql.query<{ tenant_id: string }>('SELECT tenant_id FROM process_instance WHERE id = ?', [id]));
    if (!row || !canSeeTenant(row.tenant_id)) throw new ApiError(ErrorCode.INSTANCE_NOT_FOUND, `Process instance ${id} does not exist`);
    return (event) => event.processInstanceId === id;
  }

  async correlationFilter(correlationId: string): Promise<Filter> {
    const rows = await this.db.read((sql) => sql.query<{ tenant_id: string }>('SELECT tenant_id FROM process_instance WHERE correlation_id = ?', [correlationId]));
    if (!rows.some((r) => canSeeTenant(r.tenant_id))) throw new ApiError(ErrorCode.CORRELATION_NOT_FOUND, `No correlation '${correlationId}'`);
    const tenants = visibleTenants();
    return (event) => event.correlationId === correlationId && (tenants === null || !event.tenantId || tenants.includes(event.tenantId));
  }

  /**
   * A stream never ends by itself, and the HTTP server waits for every connection when it closes: without
   * this, one open browser tab would keep the process from shutting down. The client reconnects (to
   * another process, or to this one restarted).
   */
  beforeApplicationShutdown(): void {
    for (const raw of this.live) raw.end();
    this.live.clear();
  }

  /** Takes the connection over and writes events until the client goes away. */
  async open(request: FastifyRequest, reply: FastifyReply, filter: Filter): Promise<void> {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(': connected\n\n');
    this.live.add(raw);
    let sequence = 0;
    const unsubscribe = this.bus.subscribe((events) => {
      for (const event of events) {
        if (!filter(event)) continue;
        raw.write(`id: ${++sequence}\nevent: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`);
      }
    });
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    request.raw.on('close', () => {
      this.live.delete(raw);
      clearInterval(heartbeat);
      unsubscribe();
    });
  }
}
