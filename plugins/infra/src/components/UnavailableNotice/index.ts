export { UnavailableNotice } from './UnavailableNotice';
