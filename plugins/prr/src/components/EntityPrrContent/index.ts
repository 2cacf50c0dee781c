export { EntityPrrContent } from './EntityPrrContent';
