export { StatusLabel } from './StatusLabel';
export type { StatusSeverity } from './StatusLabel';
