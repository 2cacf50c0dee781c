export { EntityWorkloadsCard } from './EntityWorkloadsCard';
