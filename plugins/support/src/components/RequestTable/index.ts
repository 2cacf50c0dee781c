export { RequestTable, shortRef, useTypeTitle } from './RequestTable';
export { LoadMore } from './LoadMore';
