export { DateRangePicker, lastDays, jstToday, rangeProblem, type DayRange } from './DateRangePicker';
