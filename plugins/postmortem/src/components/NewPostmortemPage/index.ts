export { NewPostmortemPage } from './NewPostmortemPage';
