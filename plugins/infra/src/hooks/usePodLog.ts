import { parseEntityRef, stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { infraApiRef, type PodLogOptions } from '../api/InfraApi';

/** One container's log (current or previous); errors are `ResponseError`s with the status. */
export function usePodLog(entity: Entity, options: PodLogOptions) {
  const api = useApi(infraApiRef);
  const ref = stringifyEntityRef(entity);
  const { cluster, pod, container, previous } = options;
  return useAsyncRetry(
    () =>
      api.getPodLog(parseEntityRef(ref), {
        cluster,
        pod,
        container,
        previous,
      }),
    [api, ref, cluster, pod, container, previous],
  );
}
