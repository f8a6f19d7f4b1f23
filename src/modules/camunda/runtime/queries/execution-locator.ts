import { Injectable } from '@nestjs/common';

import { canSeeTenant, tenantFilter } from '../../../../infrastructure/auth/request-context';
import { Sql } from '../../../../infrastructure/persistence/database';
import { InstanceReader, InstanceView } from '../../../../infrastructure/persistence/read/instance-reader';
import { isExecution } from './executions';

export interface LocatedExecution {
  readonly view: InstanceView;
  readonly executionId: string;
}

/**
 * Finds a running execution by id: a process instance, or a (sub)process scope inside one. Scopes have
 * no table of their own, so a scope id is looked up in the snapshots that mention it and confirmed there.
 * Executions of tenants the caller may not see are not found.
 */
@Injectable()
export class ExecutionLocator {
  constructor(private readonly reader: InstanceReader) {}

  async find(sql: Sql, id: string): Promise<LocatedExecution | null> {
    const instance = await this.reader.instance(sql, id);
    if (instance) return instance.state === 'running' && canSeeTenant(instance.tenantId) ? { view: instance, executionId: id } : null;
    const pattern = `%"${id.replace(/[\\%_]/g, (c) => `\\${c}`)}"%`;
    const visible = tenantFilter('tenant_id');
    const candidates = await sql.query<{ id: string }>(
      `SELECT id FROM process_instance WHERE state = 'running' AND ${visible.sql} AND snapshot LIKE ? ESCAPE '\\'`,
      [...visible.params, pattern],
    );
    for (const candidate of candidates) {
      const view = await this.reader.instance(sql, candidate.id);
      if (view && view.state === 'running' && isExecution(view.snapshot, id)) return { view, executionId: id };
    }
    return null;
  }
}
