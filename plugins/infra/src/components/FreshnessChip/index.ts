export { FreshnessChip } from './FreshnessChip';
