export { PodLogDialog } from './PodLogDialog';
