import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import { TypedValueColumns } from './typed-value-columns';

/**
 * Variables local to a user task (Camunda's task variable scope). Kept apart from `variable` because Camunda's
 * correlation keys, variable filters and execution views never see them; they go with their task.
 */
@Entity('task_variable')
@Index('uq_task_variable_task_name', ['taskId', 'name'], { unique: true })
@Index('idx_task_variable_instance', ['processInstanceId'])
export class TaskVariableEntity extends TypedValueColumns {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'task_id', type: 'varchar', length: 36 })
  taskId!: string;

  @Column({ name: 'process_instance_id', type: 'varchar', length: 36 })
  processInstanceId!: string;
}
