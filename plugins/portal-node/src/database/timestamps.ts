/** A timestamp column as knex returns it: a Date (PostgreSQL), or a number or string (SQLite). */
export type DbTimestamp = Date | string | number;

/**
 * Reads a timestamp column the same way on every database: SQLite hands back text without a zone
 * (`2026-11-26 05:00:00`), which is UTC as written, so it is read as UTC.
 */
export function timestampToIso(value: DbTimestamp): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  const text = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`;
  return new Date(text).toISOString();
}
