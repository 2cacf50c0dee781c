export { ItemStatusChip, ReviewStatusChip, TierChip } from './Chips';
