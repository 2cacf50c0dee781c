export { ManualItemDialog } from './ManualItemDialog';
