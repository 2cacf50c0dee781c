export { SupportAnalytics } from './SupportAnalytics';
