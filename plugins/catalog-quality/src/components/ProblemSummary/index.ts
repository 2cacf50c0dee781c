export { ProblemSummary } from './ProblemSummary';
