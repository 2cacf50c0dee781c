export { EntityMonitorsCard } from './EntityMonitorsCard';
