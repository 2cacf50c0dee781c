export { CorrectionsCard } from './CorrectionsCard';
