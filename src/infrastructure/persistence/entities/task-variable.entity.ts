import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Variables local to a user task (Camunda's task variable scope). Kept apart from `variable` because Camunda's
 * correlation keys, variable filters and execution views never see them; they go with their task.
 */
@Entity('task_variable')
@Index('uq_task_variable_task_name', ['taskId', 'name'], { unique: true })
@Index('idx_task_variable_instance', ['processInstanceId'])
export class TaskVariableEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'task_id', type: 'varchar', length: 36 })
  taskId!: string;

  @Column({ name: 'process_instance_id', type: 'varchar', length: 36 })
  processInstanceId!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: string;

  /** The same column layout as `variable` (see VariableEntity), so one mapper reads and writes both. */
  @Column({ name: 'text_value', type: 'text', nullable: true })
  textValue!: string | null;

  @Column({ name: 'text_key', type: 'varchar', length: 255, nullable: true })
  textKey!: string | null;

  @Column({ name: 'long_value', type: 'bigint', nullable: true })
  longValue!: number | null;

  @Column({ name: 'double_value', type: 'double precision', nullable: true })
  doubleValue!: number | null;

  @Column({ name: 'value_info', type: 'text', nullable: true })
  valueInfo!: string | null;

  @Column({ name: 'updated_at', type: 'bigint' })
  updatedAt!: number;
}
