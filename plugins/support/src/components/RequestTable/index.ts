export { RequestTable, useTypeTitle } from './RequestTable';
export { LoadMore } from './LoadMore';
