export { DeployGateNotice } from './DeployGateNotice';
