import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The history of instances, one row per step: elements entered, completed or terminated (and why),
 * sequence flows taken, subscriptions opened and consumed (and through which route), tasks, variables,
 * incidents. Activity instances are read from the element rows; rows are kept for ended instances until
 * the retention period passes.
 */
@Entity('history_event')
@Index('idx_history_instance', ['processInstanceId', 'id'])
@Index('idx_history_element_instance', ['elementInstanceId'])
export class HistoryEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id!: number;

  @Column({ name: 'process_instance_id', type: 'varchar', length: 36 })
  processInstanceId!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ name: 'element_id', type: 'varchar', length: 255, nullable: true })
  elementId!: string | null;

  @Column({ name: 'element_instance_id', type: 'varchar', length: 36, nullable: true })
  elementInstanceId!: string | null;

  @Column({ name: 'element_type', type: 'varchar', length: 32, nullable: true })
  elementType!: string | null;

  @Column({ name: 'parent_instance_id', type: 'varchar', length: 36, nullable: true })
  parentInstanceId!: string | null;

  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  @Column({ type: 'bigint' })
  at!: number;
}
