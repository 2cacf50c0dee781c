export { EntityPostmortemsCard, EntityPostmortemsContent } from './EntityPostmortems';
