export { ActionItemsTable, Field, LoadFailed, SelectField, StatusChip } from './Shared';
