import { useApi } from '@backstage/frontend-plugin-api';
import { postmortemApiRef } from '@internal/plugin-postmortem';
import type { ActionItemRow } from '@internal/plugin-postmortem-common';
import useAsync from 'react-use/esm/useAsync';

/** Postmortem action items owned by the signed-in user or one of their teams that are not done yet. */
export function useMyActionItems() {
  const postmortemApi = useApi(postmortemApiRef);
  return useAsync(
    (): Promise<ActionItemRow[]> => postmortemApi.actionItems({ owner: 'me', status: 'open,in_progress' }),
    [postmortemApi],
  );
}
