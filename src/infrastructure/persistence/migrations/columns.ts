import { TableColumnOptions, TableIndex } from 'typeorm';

type ColumnType = 'varchar' | 'text' | 'integer' | 'bigint' | 'double precision' | 'boolean';

/** One column, written once for both drivers; TypeORM renders the type for SQLite and PostgreSQL. */
export function col(name: string, type: ColumnType, options: Omit<Partial<TableColumnOptions>, 'length'> & { length?: number } = {}): TableColumnOptions {
  const { length, ...rest } = options;
  return { name, type, isNullable: false, ...(length ? { length: String(length) } : {}), ...rest };
}
/** Shared column shapes of the migrations, so each table is written once for both drivers. */
export const id = (length = 36) => col('id', 'varchar', { length, isPrimary: true });
export const tenant = () => col('tenant_id', 'varchar', { length: 64, default: "''" });
export const nullable = { isNullable: true };

/**
 * A named, typed value spread over indexable columns (see VariableEntity): the layout of both `variable` and
 * `task_variable`, so that one mapper reads and writes either.
 */
export const typedValue = () => [
  col('name', 'varchar', { length: 255 }),
  col('type', 'varchar', { length: 16 }),
  col('text_value', 'text', nullable),
  col('text_key', 'varchar', { length: 255, ...nullable }),
  col('long_value', 'bigint', nullable),
  col('double_value', 'double precision', nullable),
  col('value_info', 'text', nullable),
  col('updated_at', 'bigint'),
];

export function index(name: string, columnNames: string[], isUnique = false): TableIndex {
  return new TableIndex({ name, columnNames, isUnique });
}

