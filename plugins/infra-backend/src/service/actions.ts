import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef, type CompoundEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { serviceHealth } from '@internal/plugin-infra-common';
import type { InfraService } from '@internal/plugin-infra-node';

function entityOf(entityRef: string): CompoundEntityRef {
  try {
    return parseEntityRef(entityRef, { defaultKind: 'component', defaultNamespace: 'default' });
  } catch (e) {
    throw new InputError(`entityRef: ${(e as Error).message}`);
  }
}

/**
 * The infra plugin's actions (Backstage's actions registry, served as MCP tools by the mcp-actions
 * plugin): the entity is read from the catalog with the caller's credentials and its overview
 * comes from the shared infra service, exactly as `GET /api/infra/entities/.../overview` does.
 */
export function registerInfraActions(options: {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
  infra: InfraService;
}) {
  const { actionsRegistry, catalog, infra } = options;

  actionsRegistry.register({
    name: 'get-service-health',
    title: 'Live health of a service',
    description:
      "A service's live state: its workloads per Kubernetes cluster (ready/desired replicas, restarts, " +
      'rollouts, problems such as CrashLoopBackOff), who is on call in PagerDuty, its open incidents, ' +
      'and one word for its health (ok, warning, critical, unknown). Every part carries its freshness: ' +
      '`fresh`, `stale` (a cached copy, with its age and the upstream error), `unavailable`, `loading` or ' +
      '`not-configured` (the entity has no annotation for that source) — missing data is never "healthy". ' +
      'Same data as GET /api/infra/entities/{kind}/{namespace}/{name}/overview.',
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().min(1).max(300).describe('The service, e.g. component:default/payment-service'),
        }),
      output: z => {
        const freshness = z.object({
          state: z.enum(['fresh', 'stale', 'unavailable', 'loading', 'not-configured']),
          fetchedAt: z.string().optional(),
          ageSeconds: z.number().optional(),
          error: z.string().optional(),
        });
        const incident = z.object({
          id: z.string(),
          number: z.number(),
          title: z.string(),
          status: z.enum(['triggered', 'acknowledged', 'resolved']),
          urgency: z.string(),
          serviceId: z.string(),
          serviceName: z.string().optional(),
          createdAt: z.string(),
          resolvedAt: z.string().optional(),
          url: z.string().optional(),
          assignees: z.array(z.string()),
        });
        return z.object({
          entityRef: z.string(),
          generatedAt: z.string(),
          sandbox: z.boolean().describe('true when the portal reads the local simulators'),
          health: z.enum(['ok', 'warning', 'critical', 'unknown']),
          workloads: z.object({
            freshness,
            clusters: z.array(
              z.object({
                cluster: z.string(),
                freshness,
                workloads: z.array(
                  z.object({
                    kind: z.enum(['Deployment', 'StatefulSet']),
                    name: z.string(),
                    namespace: z.string(),
                    desiredReplicas: z.number(),
                    readyReplicas: z.number(),
                    availableReplicas: z.number(),
                    restarts: z.number(),
                    rolloutInProgress: z.boolean(),
                    images: z.array(z.string()),
                    problems: z.array(
                      z.object({
                        code: z.string(),
                        pod: z.string().optional(),
                        container: z.string().optional(),
                        detail: z.string().optional(),
                      }),
                    ),
                  }),
                ),
              }),
            ),
          }),
          oncall: z.object({
            freshness,
            entries: z.array(
              z.object({
                level: z.number(),
                escalationPolicy: z.object({ id: z.string(), name: z.string(), url: z.string().optional() }),
                user: z.object({
                  id: z.string(),
                  name: z.string(),
                  email: z.string().optional(),
                  url: z.string().optional(),
                }),
                schedule: z.object({ id: z.string(), name: z.string() }).optional(),
                start: z.string().optional(),
                end: z.string().optional(),
              }),
            ),
          }),
          openIncidents: z.object({ freshness, incidents: z.array(incident) }),
        });
      },
    },
    action: async ({ input, credentials }) => {
      const ref = entityOf(input.entityRef);
      const entity = await catalog.getEntityByRef(ref, { credentials });
      if (!entity) throw new NotFoundError(`No entity ${ref.kind}:${ref.namespace}/${ref.name}`);
      const o = await infra.entityOverview(entity);
      return {
        output: {
          entityRef: o.entityRef,
          generatedAt: o.generatedAt,
          sandbox: o.sandbox,
          health: serviceHealth(o),
          workloads: {
            freshness: o.kubernetes.freshness,
            clusters: (o.kubernetes.data?.clusters ?? []).map(c => ({
              cluster: c.cluster,
              freshness: c.freshness,
              workloads: c.workloads.map(w => ({
                kind: w.kind,
                name: w.name,
                namespace: w.namespace,
                desiredReplicas: w.desiredReplicas,
                readyReplicas: w.readyReplicas,
                availableReplicas: w.availableReplicas,
                restarts: w.restarts,
                rolloutInProgress: w.rolloutInProgress,
                images: w.images,
                problems: w.problems,
              })),
            })),
          },
          oncall: { freshness: o.oncall.freshness, entries: o.oncall.data ?? [] },
          openIncidents: { freshness: o.incidents.freshness, incidents: o.incidents.data?.open ?? [] },
        },
      };
    },
  });
}
