export { OnCallList } from './OnCallList';
