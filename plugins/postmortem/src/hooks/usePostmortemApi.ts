import { useApi } from '@backstage/frontend-plugin-api';
import { postmortemApiRef } from '../api/PostmortemApi';

export const usePostmortemApi = () => useApi(postmortemApiRef);
