export { AnnouncementsCard } from './AnnouncementsCard';
