export { EntityTeamCard } from './EntityTeamCard';
