export { EntityDeploysCard } from './EntityDeploysCard';
