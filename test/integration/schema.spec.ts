import { DataSource } from 'typeorm';

import { loadConfiguration } from '../../src/config/configuration';
import { dataSourceOptions, ensureSchema, migratePostgres } from '../../src/infrastructure/persistence/data-source';

/**
 * The migrations are written by hand with the driver-neutral table API; the entities describe the same
 * schema for TypeORM. If they drift apart, TypeORM's schema builder would want to change something.
 */
describe('schema: migrations and entities agree', () => {
  it('leaves nothing for the schema builder to change after the migrations ran', async () => {
    const schema = `schema_check_${process.pid}_${Date.now().toString(36)}`;
    const config = loadConfiguration({ SQLITE_PATH: ':memory:', ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: schema } : {}) });
    await ensureSchema(config.database);
    await migratePostgres(config.database);
    const dataSource = new DataSource(dataSourceOptions(config.database));
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      if (config.database.type === 'postgres') await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await dataSource.destroy();
    }
  });
});
