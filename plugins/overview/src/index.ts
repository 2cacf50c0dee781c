/** Live-state summary bands: Component and Group pages (entity cards) and the home page. */
export { overviewPlugin as default } from './plugin';
export { TeamLiveStateBand } from './components/TeamLiveStateBand';
export { overviewTranslationRef } from './translation';
