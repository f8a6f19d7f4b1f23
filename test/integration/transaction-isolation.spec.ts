import { DataSource } from 'typeorm';

import { loadConfiguration } from '../../src/config/configuration';
import { dataSourceOptions, ensureSchema, migratePostgres } from '../../src/infrastructure/persistence/data-source';
import { Database } from '../../src/infrastructure/persistence/database';

/**
 * Commands rely on READ COMMITTED (they re-check under the instance's row lock what they read before it);
 * on PostgreSQL the level comes from the connection's default rather than a statement per transaction.
 * (SQLite serialises writers and has no isolation levels, so only the pass on PostgreSQL runs this.)
 */
(process.env.DATABASE_URL ? describe : describe.skip)('PostgreSQL transactions', () => {
  const schema = `iso_check_${process.pid}_${Date.now().toString(36)}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    const config = loadConfiguration({ DATABASE_URL: process.env.DATABASE_URL!, DATABASE_SCHEMA: schema });
    await ensureSchema(config.database);
    await migratePostgres(config.database);
    dataSource = new DataSource(dataSourceOptions(config.database));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dataSource.destroy();
  });

  it('run at READ COMMITTED in the configured schema', async () => {
    const seen = await new Database(dataSource).transaction(async (tx) => ({
      isolation: (await tx.query<{ transaction_isolation: string }>('SHOW transaction_isolation'))[0].transaction_isolation,
      schema: (await tx.query<{ current_schema: string }>('SELECT current_schema()'))[0].current_schema,
      // Set by the connection itself, whatever the server's or the database's default is.
      source: (await tx.query<{ source: string }>("SELECT source FROM pg_settings WHERE name = 'default_transaction_isolation'"))[0].source,
    }));
    expect(seen).toEqual({ isolation: 'read committed', schema, source: 'client' });
  });
});
