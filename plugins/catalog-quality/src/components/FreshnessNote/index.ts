export { FreshnessNote } from './FreshnessNote';
