export { EntityPrrCard } from './EntityPrrCard';
