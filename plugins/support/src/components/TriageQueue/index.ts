export { TriageQueue } from './TriageQueue';
