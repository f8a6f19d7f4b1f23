import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import { TypedValueColumns } from './typed-value-columns';

/** Process variables, one row per scope and name, their typed value in indexed columns (TypedValueColumns). */
@Entity('variable')
@Index('uq_variable_scope_name', ['scopeId', 'name'], { unique: true })
@Index('idx_variable_instance', ['processInstanceId', 'name'])
@Index('idx_variable_text', ['name', 'type', 'textKey'])
@Index('idx_variable_long', ['name', 'type', 'longValue'])
@Index('idx_variable_double', ['name', 'type', 'doubleValue'])
export class VariableEntity extends TypedValueColumns {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'process_instance_id', type: 'varchar', length: 36 })
  processInstanceId!: string;

  /** The process instance id for process-level variables, else the (sub)process element instance id. */
  @Column({ name: 'scope_id', type: 'varchar', length: 36 })
  scopeId!: string;
}
