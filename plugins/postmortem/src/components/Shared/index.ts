export { ActionItemsTable, LoadFailed, SelectField, StatusChip } from './Shared';
