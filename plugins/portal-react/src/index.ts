/**
 * What every portal frontend plugin shares: the dense table, the failure sentence with its retry,
 * Intl formatters in the app's language, file downloads, and short entity refs.
 *
 * @packageDocumentation
 */
export { DataTable, type DataTableColumn } from './components/DataTable';
export { LoadFailed } from './components/LoadFailed';
export { useAppLanguage, useFormatters } from './hooks/useFormatters';
export { createFormatters, type Formatters } from './lib/format';
export { downloadText } from './lib/download';
export { errorMessage, errorStatus } from './lib/errors';
export { shortRef } from './lib/refs';
export { portalReactTranslationRef } from './translation';
