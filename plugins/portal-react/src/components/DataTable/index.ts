export { DataTable, type DataTableColumn } from './DataTable';
