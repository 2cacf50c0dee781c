export { EntitySupportCard } from './EntitySupportCard';
