export { LiveStateBand } from './LiveStateBand';
