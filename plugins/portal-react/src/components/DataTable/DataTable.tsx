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
  /** Keep the cell on one line (names, identifiers); numeric columns always do. */
  nowrap?: boolean;
}

/**
 * A plain, dense table with a name (`aria-label`) so it can be found by role; when there are no
 * rows, the sentence that says what is missing instead.
 */
export function DataTable<T>(props: {
  label: string;
  columns: DataTableColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  empty: string;
}) {
  if (props.rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.empty}
      </Typography>
    );
  }
  // Figures stay on one line ("99.9 %"); headings may wrap between words, so long Japanese headings
  // of figure columns ("バーンレート 24 時間") do not squeeze the text columns.
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          {props.columns.map(c => (
            <TableCell
              key={c.title}
              align={c.numeric ? 'right' : 'left'}
              style={c.nowrap ? { whiteSpace: 'nowrap' } : { wordBreak: 'normal' }}
            >
              {c.title}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map((row, i) => (
          <TableRow key={props.rowKey(row, i)}>
            {props.columns.map(c => (
              <TableCell
                key={c.title}
                align={c.numeric ? 'right' : 'left'}
                style={c.numeric || c.nowrap ? { whiteSpace: 'nowrap' } : undefined}
              >
                {c.render(row)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
