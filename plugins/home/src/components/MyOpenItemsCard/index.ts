export { MyOpenItemsCard } from './MyOpenItemsCard';
