import { MigrationInterface, QueryRunner } from 'typeorm';

import { index } from './columns';

/**
 * Correlating by business key alone (Camunda's most common targeted message) starts from this index, so
 * its cost does not grow with the number of instances waiting for the same message name.
 */
export class SubscriptionBusinessKey1732000000004 implements MigrationInterface {
  name = 'SubscriptionBusinessKey1732000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('event_subscription', index('idx_subscription_business_key', ['business_key', 'event_name']));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('event_subscription', 'idx_subscription_business_key');
  }
}
