export { SlaChip } from './SlaChip';
