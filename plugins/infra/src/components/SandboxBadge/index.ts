export { SandboxBadge } from './SandboxBadge';
