import { Column } from 'typeorm';

/**
 * A named, typed value spread over indexed columns so that finding an instance by a variable value
 * (correlation keys) is an index lookup: strings by `text_key`, Integer/Short/Long/Boolean/Date by
 * `long_value`, Double by `double_value`. Shared by `variable` and `task_variable`, which one mapper
 * (mappers/variable-columns.ts) reads and writes.
 */
export abstract class TypedValueColumns {
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
