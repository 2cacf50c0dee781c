export { BudgetBurnDownChart, DailySliChart } from './SloCharts';
