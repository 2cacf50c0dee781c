export { EndpointTable } from './EndpointTable';
