export { AlertStateChip, PolicyChip, type AlertState } from './StateChip';
