export { PrrScorecardPage } from './PrrScorecardPage';
