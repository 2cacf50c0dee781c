import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { catalogQualityApiRef } from '../api/CatalogQualityApi';

export function useQualityReport() {
  const api = useApi(catalogQualityApiRef);
  return useAsyncRetry(() => api.getReport(), [api]);
}
