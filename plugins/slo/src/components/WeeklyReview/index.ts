export { WeeklyReview } from './WeeklyReview';
