import { parseEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { infraApiRef } from '@internal/plugin-infra';
import type { TeamSummary } from '@internal/plugin-infra-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

export type MyTeam = { ref: string; name: string; summary: TeamSummary } | { ref: string; name: string; error: Error };

/** The signed-in user's groups (from their ownership refs), each with its team summary. */
export function useMyTeams() {
  const identityApi = useApi(identityApiRef);
  const infraApi = useApi(infraApiRef);
  return useAsyncRetry(async () => {
    const identity = await identityApi.getBackstageIdentity();
    const profile = await identityApi.getProfileInfo();
    const groups = identity.ownershipEntityRefs.filter(r => r.startsWith('group:'));
    const teams: MyTeam[] = await Promise.all(
      groups.map(async ref => {
        const name = parseEntityRef(ref).name;
        try {
          return { ref, name, summary: await infraApi.getTeamSummary(parseEntityRef(ref)) };
        } catch (e) {
          return { ref, name, error: e as Error };
        }
      }),
    );
    return { displayName: profile.displayName ?? parseEntityRef(identity.userEntityRef).name, teams };
  }, [identityApi, infraApi]);
}
