export { NewRequestForm } from './NewRequestForm';
