import { MigrationInterface, QueryRunner, Table } from 'typeorm';

import { col, id, index, nullable, tenant, typedValue } from './columns';

export class InitialSchema1732000000000 implements MigrationInterface {
  name = 'InitialSchema1732000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'deployment',
        columns: [id(64), col('name', 'varchar', { length: 255, ...nullable }), col('source', 'varchar', { length: 255, ...nullable }), tenant(), col('deployed_at', 'bigint')],
        indices: [index('idx_deployment_name', ['name', 'source', 'tenant_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'deployment_resource',
        columns: [id(64), col('deployment_id', 'varchar', { length: 64 }), col('name', 'varchar', { length: 255 }), col('content', 'text'), col('hash', 'varchar', { length: 64 })],
        indices: [index('idx_resource_deployment', ['deployment_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'process_definition',
        columns: [
          id(64),
          col('key', 'varchar', { length: 255 }),
          col('version', 'integer'),
          col('name', 'varchar', { length: 255, ...nullable }),
          tenant(),
          col('deployment_id', 'varchar', { length: 64 }),
          col('resource_name', 'varchar', { length: 255 }),
          col('resource_hash', 'varchar', { length: 64 }),
          col('version_tag', 'varchar', { length: 255, ...nullable }),
          col('history_ttl', 'varchar', { length: 64, ...nullable }),
          col('startable', 'boolean'),
          col('model', 'text'),
          col('options', 'text', nullable),
          col('created_at', 'bigint'),
        ],
        indices: [index('uq_definition_version', ['key', 'tenant_id', 'version'], true), index('idx_definition_deployment', ['deployment_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'process_instance',
        columns: [
          id(),
          col('process_definition_id', 'varchar', { length: 64 }),
          col('process_definition_key', 'varchar', { length: 255 }),
          col('process_definition_version', 'integer'),
          tenant(),
          col('business_key', 'varchar', { length: 255, ...nullable }),
          col('correlation_id', 'varchar', { length: 255 }),
          col('state', 'varchar', { length: 16 }),
          col('snapshot', 'text'),
          col('revision', 'integer', { default: 0 }),
          col('started_at', 'bigint'),
          col('ended_at', 'bigint', nullable),
        ],
        indices: [
          index('idx_instance_correlation', ['correlation_id']),
          index('idx_instance_business_key', ['business_key']),
          index('idx_instance_definition', ['process_definition_key', 'state']),
          index('idx_instance_state', ['state', 'started_at']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'event_subscription',
        columns: [
          id(),
          col('event_type', 'varchar', { length: 32 }),
          col('event_name', 'varchar', { length: 255 }),
          col('kind', 'varchar', { length: 32 }),
          col('interrupting', 'boolean'),
          tenant(),
          col('process_definition_id', 'varchar', { length: 64 }),
          col('process_definition_key', 'varchar', { length: 255 }),
          col('process_instance_id', 'varchar', { length: 36, ...nullable }),
          col('execution_id', 'varchar', { length: 36, ...nullable }),
          col('scope_id', 'varchar', { length: 36, ...nullable }),
          col('activity_id', 'varchar', { length: 255 }),
          col('business_key', 'varchar', { length: 255, ...nullable }),
          col('correlation_id', 'varchar', { length: 255, ...nullable }),
          col('created_at', 'bigint'),
        ],
        indices: [
          index('idx_subscription_name', ['event_type', 'event_name', 'tenant_id']),
          index('idx_subscription_instance', ['process_instance_id', 'event_name']),
          index('idx_subscription_definition', ['process_definition_id']),
          index('idx_subscription_correlation', ['correlation_id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'variable',
        columns: [
          id(),
          col('process_instance_id', 'varchar', { length: 36 }),
          col('scope_id', 'varchar', { length: 36 }),
          ...typedValue(),
        ],
        indices: [
          index('uq_variable_scope_name', ['scope_id', 'name'], true),
          index('idx_variable_instance', ['process_instance_id', 'name']),
          index('idx_variable_text', ['name', 'type', 'text_key']),
          index('idx_variable_long', ['name', 'type', 'long_value']),
          index('idx_variable_double', ['name', 'type', 'double_value']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'user_task',
        columns: [
          id(),
          col('process_instance_id', 'varchar', { length: 36 }),
          col('execution_id', 'varchar', { length: 36 }),
          col('element_id', 'varchar', { length: 255 }),
          col('name', 'varchar', { length: 255, ...nullable }),
          col('assignee', 'varchar', { length: 255, ...nullable }),
          col('candidate_users', 'varchar', { length: 1024, ...nullable }),
          col('candidate_groups', 'varchar', { length: 1024, ...nullable }),
          col('form_key', 'varchar', { length: 1024, ...nullable }),
          col('priority', 'integer', { default: 50 }),
          tenant(),
          col('correlation_id', 'varchar', { length: 255 }),
          col('business_key', 'varchar', { length: 255, ...nullable }),
          col('process_definition_id', 'varchar', { length: 64 }),
          col('process_definition_key', 'varchar', { length: 255 }),
          col('created_at', 'bigint'),
        ],
        indices: [
          index('idx_task_instance', ['process_instance_id']),
          index('idx_task_correlation', ['correlation_id']),
          index('idx_task_definition', ['process_definition_key', 'element_id']),
          index('idx_task_created', ['tenant_id', 'created_at']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'continuation_outbox',
        columns: [
          id(),
          col('process_instance_id', 'varchar', { length: 36 }),
          col('status', 'varchar', { length: 16, default: "'pending'" }),
          col('attempts', 'integer', { default: 0 }),
          col('created_at', 'bigint'),
          col('available_at', 'bigint'),
          col('last_error', 'text', nullable),
        ],
        indices: [index('uq_outbox_instance', ['process_instance_id'], true), index('idx_outbox_due', ['status', 'available_at'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'incident',
        columns: [
          id(),
          col('process_instance_id', 'varchar', { length: 36 }),
          col('process_definition_id', 'varchar', { length: 64 }),
          col('incident_type', 'varchar', { length: 64 }),
          col('activity_id', 'varchar', { length: 255, ...nullable }),
          col('execution_id', 'varchar', { length: 36, ...nullable }),
          col('message', 'text'),
          tenant(),
          col('created_at', 'bigint'),
        ],
        indices: [index('idx_incident_instance', ['process_instance_id'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['incident', 'continuation_outbox', 'user_task', 'variable', 'event_subscription', 'process_instance', 'process_definition', 'deployment_resource', 'deployment']) {
      await q.dropTable(table, true);
    }
  }
}
