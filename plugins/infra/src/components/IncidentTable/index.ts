export { IncidentStatusChip, IncidentTable } from './IncidentTable';
