export { TeamLiveStateBand, EntityTeamLiveStateBand } from './TeamLiveStateBand';
