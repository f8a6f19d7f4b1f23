import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';

import { Database } from '../../infrastructure/persistence/database';

/** Up when a trivial query answers; reports which driver is in use. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly db: Database,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      await this.db.read((sql) => sql.query('SELECT 1 AS ok'));
      return indicator.up({ driver: this.db.dialect });
    } catch (error) {
      return indicator.down({ driver: this.db.dialect, message: error instanceof Error ? error.message : String(error) });
    }
  }
}
