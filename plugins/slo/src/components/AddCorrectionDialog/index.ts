export { AddCorrectionDialog } from './AddCorrectionDialog';
