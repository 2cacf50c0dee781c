export { PostmortemsRouter } from './PostmortemsRouter';
