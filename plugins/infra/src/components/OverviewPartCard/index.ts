export { OverviewPartCard } from './OverviewPartCard';
