import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { DataTable, type DataTableColumn } from './DataTable';

type Row = { name: string; count: number };
const columns: DataTableColumn<Row>[] = [
  { title: 'Name', render: r => r.name, nowrap: true },
  { title: 'Count', render: r => r.count, numeric: true },
];

describe('DataTable', () => {
  it('is a table found by its name, one row per item', async () => {
    await renderInTestApp(
      <DataTable
        label="Pods"
        columns={columns}
        rows={[
          { name: 'cart-1', count: 3 },
          { name: 'cart-2', count: 12 },
        ]}
        rowKey={r => r.name}
        empty="No pods."
      />,
    );
    const table = screen.getByRole('table', { name: 'Pods' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map(r => r.textContent)).toEqual(['NameCount', 'cart-13', 'cart-212']);
    expect(within(table).getByRole('cell', { name: '12' })).toHaveStyle({
      whiteSpace: 'nowrap',
      textAlign: 'right',
    });
  });

  it('says what is missing instead of an empty table', async () => {
    await renderInTestApp(<DataTable label="Pods" columns={columns} rows={[]} rowKey={r => r.name} empty="No pods." />);
    expect(screen.getByText('No pods.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
