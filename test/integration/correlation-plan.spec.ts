import { DataSource } from 'typeorm';

import { loadConfiguration } from '../../src/config/configuration';
import { CorrelationSet } from '../../src/engine';
import { dataSourceOptions, ensureSchema, migratePostgres } from '../../src/infrastructure/persistence/data-source';
import { executionMatchQuery } from '../../src/modules/messages/correlation-query';

const WAITING = 3000;
const MESSAGE = 'PlanPayment';

/**
 * Correlation by business key or by correlation keys must be an index lookup that starts from what names
 * few instances, never a walk over every subscription of the message name: the cost must not grow with the
 * number of instances waiting. The plans are read from the database itself (SQLite's EXPLAIN QUERY PLAN, or
 * PostgreSQL's EXPLAIN after ANALYZE) with WAITING instances waiting for the same message.
 */
describe('correlation query plans', () => {
  let dataSource: DataSource;
  let postgres = false;
  let schema: string | undefined;

  beforeAll(async () => {
    schema = `plan_check_${process.pid}_${Date.now().toString(36)}`;
    const config = loadConfiguration({ SQLITE_PATH: ':memory:', ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: schema } : {}) });
    postgres = config.database.type === 'postgres';
    await ensureSchema(config.database);
    await migratePostgres(config.database);
    dataSource = new DataSource(dataSourceOptions(config.database));
    await dataSource.initialize();
    const p = (n: number) => (postgres ? `$${n}` : '?');
    for (let i = 0; i < WAITING; i++) {
      const instance = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      await dataSource.query(
        `INSERT INTO event_subscription (id, event_type, event_name, kind, interrupting, tenant_id, process_definition_id, process_definition_key,
           process_instance_id, execution_id, scope_id, activity_id, business_key, correlation_id, created_at)
         VALUES (${p(1)}, 'message', ${p(2)}, 'catch', ${postgres ? 'true' : '1'}, '', 'plan:1:x', 'plan', ${p(3)}, ${p(4)}, ${p(5)}, 'Payment', ${p(6)}, ${p(7)}, ${p(8)})`,
        [`10000000-0000-4000-8000-${String(i).padStart(12, '0')}`, MESSAGE, instance, instance, instance, `bk-${i}`, instance, i],
      );
      await dataSource.query(
        `INSERT INTO variable (id, process_instance_id, scope_id, name, type, text_value, text_key, updated_at)
         VALUES (${p(1)}, ${p(2)}, ${p(3)}, 'orderId', 'String', ${p(4)}, ${p(5)}, 0)`,
        [`20000000-0000-4000-8000-${String(i).padStart(12, '0')}`, instance, instance, `o-${i}`, `o-${i}`],
      );
    }
    if (postgres) await dataSource.query('ANALYZE');
  }, 120_000);

  afterAll(async () => {
    if (postgres) await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dataSource.destroy();
  });

  /** The plan of the query the correlation command runs, as the database reports it (one line per step). */
  async function plan(set: CorrelationSet): Promise<string[]> {
    const query = executionMatchQuery(set, { limit: 2 });
    if (!postgres) {
      const rows = await dataSource.query(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.params]);
      return rows.map((r: { detail: string }) => r.detail);
    }
    let n = 0;
    const sql = query.sql.replace(/\?/g, () => `$${++n}`);
    const rows = await dataSource.query(`EXPLAIN ${sql}`, [...query.params]);
    return rows.map((r: Record<string, string>) => r['QUERY PLAN']);
  }

  it('finds the subscription of a correlation key through the variable index', async () => {
    const steps = await plan({ messageName: MESSAGE, correlationKeys: { orderId: { type: 'String', value: 'o-1234' } } });
    const described = steps.join('\n');
    expect(described).toMatch(/idx_variable_text/);
    expect(described).toMatch(/idx_subscription_instance/);
    expect(described).not.toMatch(/idx_subscription_name/);
    expect(described).not.toMatch(/SCAN s\b|Seq Scan on event_subscription/);
  });

  it('finds the subscription of a business key through its index', async () => {
    const described = (await plan({ messageName: MESSAGE, businessKey: 'bk-1234' })).join('\n');
    expect(described).toMatch(/idx_subscription_business_key/);
    expect(described).not.toMatch(/idx_subscription_name|SCAN s\b|Seq Scan on event_subscription/);
  });

  it('finds the subscriptions of a process instance through its index', async () => {
    const described = (await plan({ messageName: MESSAGE, processInstanceId: '00000000-0000-4000-8000-000000001234' })).join('\n');
    expect(described).toMatch(/idx_subscription_instance/);
    expect(described).not.toMatch(/idx_subscription_name|SCAN s\b|Seq Scan on event_subscription/);
  });

  it('matches exactly the one instance the key names, among all that wait for the message', async () => {
    const query = executionMatchQuery({ messageName: MESSAGE, correlationKeys: { orderId: { type: 'String', value: 'o-2999' } } }, { limit: 2 });
    let n = 0;
    const sql = postgres ? query.sql.replace(/\?/g, () => `$${++n}`) : query.sql;
    const rows = await dataSource.query(sql, [...query.params]);
    expect(rows.map((r: { process_instance_id: string }) => r.process_instance_id)).toEqual(['00000000-0000-4000-8000-000000002999']);
  });
});
