export { EntityKubernetesContent } from './EntityKubernetesContent';
