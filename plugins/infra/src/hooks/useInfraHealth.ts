import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { infraApiRef } from '../api/InfraApi';

export function useInfraHealth() {
  const api = useApi(infraApiRef);
  return useAsyncRetry(() => api.getHealth(), [api]);
}
