import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';

export interface DataTableColumn<T> {
  /** Header text; also the column's key. */
  title: string;
  render: (row: T) => ReactNode;
  /** Right-aligns numbers. */
  numeric?: boolean;
}

/**
 * A dense table with an accessible name (so tests and screen readers find it by role), or the
 * sentence saying why it is empty.
 */
export function DataTable<T>(props: {
  label: string;
  columns: DataTableColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  empty: string;
}) {
  const { label, columns, rows, rowKey, empty } = props;
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {empty}
      </Typography>
    );
  }
  const align = (c: DataTableColumn<T>) => (c.numeric ? 'right' : 'left');
  // Figures and their headings stay on one line ("99.9 %", "Target"): the text columns wrap instead.
  const style = (c: DataTableColumn<T>) =>
    c.numeric ? { whiteSpace: 'nowrap' as const } : undefined;
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          {columns.map(c => (
            <TableCell key={c.title} align={align(c)} style={style(c)}>
              {c.title}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => (
          <TableRow key={rowKey(row)}>
            {columns.map(c => (
              <TableCell key={c.title} align={align(c)} style={style(c)}>
                {c.render(row)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
