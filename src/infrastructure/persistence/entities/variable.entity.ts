import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Process variables, one row per scope and name. The typed value is spread over indexed columns so that
 * finding an instance by a variable value (correlation keys) is an index lookup: strings by `text_key`,
 * Integer/Short/Long/Boolean/Date by `long_value`, Double by `double_value`.
 */
@Entity('variable')
@Index('uq_variable_scope_name', ['scopeId', 'name'], { unique: true })
@Index('idx_variable_instance', ['processInstanceId', 'name'])
@Index('idx_variable_text', ['name', 'type', 'textKey'])
@Index('idx_variable_long', ['name', 'type', 'longValue'])
@Index('idx_variable_double', ['name', 'type', 'doubleValue'])
export class VariableEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'process_instance_id', type: 'varchar', length: 36 })
  processInstanceId!: string;

  /** The process instance id for process-level variables, else the (sub)process element instance id. */
  @Column({ name: 'scope_id', type: 'varchar', length: 36 })
  scopeId!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: string;

  /** Full text for String, Json, Xml, Object; base64 for Bytes and File. */
  @Column({ name: 'text_value', type: 'text', nullable: true })
  textValue!: string | null;

  /** Indexable form of a String value: the value itself when short, else a hash of it. */
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
