export { TrendChart, TrendSparkline } from './TrendChart';
