import { createRouteRef, useRouteRef } from '@backstage/frontend-plugin-api';

export const postmortemRootRouteRef = createRouteRef();

/** Paths inside the postmortems page (`/postmortems` unless the app mounts it elsewhere). */
export function usePostmortemPaths() {
  const root = useRouteRef(postmortemRootRouteRef)?.() ?? '/postmortems';
  const base = root.replace(/\/$/, '');
  return {
    root: base || '/',
    create: (entityRef?: string) => `${base}/new${entityRef ? `?entity=${encodeURIComponent(entityRef)}` : ''}`,
    postmortem: (id: string, tab?: string) => `${base}/${encodeURIComponent(id)}${tab ? `?tab=${tab}` : ''}`,
  };
}
