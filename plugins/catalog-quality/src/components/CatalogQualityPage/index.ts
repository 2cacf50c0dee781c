export { CatalogQualityPage } from './CatalogQualityPage';
