import { DataSource } from 'typeorm';

import { loadConfiguration } from '../../src/config/configuration';
import { dataSourceOptions } from '../../src/infrastructure/persistence/data-source';

/**
 * The migrations are written by hand with the driver-neutral table API; the entities describe the same
 * schema for TypeORM. If they drift apart, TypeORM's schema builder would want to change something.
 */
describe('schema: migrations and entities agree', () => {
  it('leaves nothing for the schema builder to change after the migrations ran', async () => {
    const config = loadConfiguration({ SQLITE_PATH: ':memory:', ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) });
    const dataSource = new DataSource(dataSourceOptions(config.database));
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
