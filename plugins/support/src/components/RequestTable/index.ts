export { RequestTable, shortRef, useTypeTitle } from './RequestTable';
