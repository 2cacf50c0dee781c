export { SloSummary } from './SloSummary';
