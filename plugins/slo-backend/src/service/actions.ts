import type { AuditorService, AuthService, BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef, type CompoundEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { auditedChange } from '@internal/plugin-portal-node';
import type { SloService } from '../services/Slo/types';

/** `component:default/payment-service`, `payment-service` (a Component of `default`). */
function entityOf(entityRef: string): CompoundEntityRef {
  try {
    return parseEntityRef(entityRef, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (e) {
    throw new InputError(`entityRef: ${(e as Error).message}`);
  }
}

/** Writes are made by people: an MCP client connects with the user's own Backstage token. */
function requireUser(auth: AuthService, credentials: BackstageCredentials) {
  if (!auth.isPrincipal(credentials, 'user')) {
    throw new NotAllowedError(
      `This action does not allow '${
        (credentials.principal as { type: string }).type
      }' credentials: it changes data on behalf of a signed-in user`,
    );
  }
}

/**
 * The SLO plugin's actions (Backstage's actions registry; `/api/mcp-actions` serves them as MCP
 * tools). Each calls the same SLO service method as its REST route, with the caller's credentials,
 * so the same permission checks apply and the same data comes back.
 */
export function registerSloActions(options: {
  actionsRegistry: ActionsRegistryService;
  auth: AuthService;
  auditor: AuditorService;
  slo: SloService;
}) {
  const { actionsRegistry, auth, auditor, slo } = options;

  actionsRegistry.register({
    name: 'get-slo-status',
    title: 'SLO status per endpoint',
    description:
      "A service's SLO over its window: objective, SLI, error budget left, burn rates, alert state and " +
      'error-budget policy, for the service and for each endpoint of its spec.slo, with how fresh the ' +
      'Datadog counts are. `noData` is set when there was no request to judge (never healthy). ' +
      'Same data as GET /api/slo/entities/{kind}/{namespace}/{name}.',
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().min(1).max(300).describe('The service, e.g. component:default/payment-service'),
        }),
      output: z => {
        const budget = z.object({
          allowedBad: z.number(),
          consumedBad: z.number(),
          remainingRatio: z.number().describe('1 − consumed/allowed; negative when overspent'),
          exhaustionAt: z.string().optional(),
        });
        const noData = z
          .object({ code: z.enum(['no-series', 'no-traffic', 'no-counts', 'loading']), reason: z.string() })
          .optional();
        const alertState = z.enum(['ok', 'ticket', 'page', 'no-data']);
        return z.object({
          entityRef: z.string(),
          objective: z.number().describe('percent, e.g. 99.9'),
          window: z.string(),
          windowStart: z.string(),
          windowEnd: z.string(),
          total: z.number(),
          bad: z.number(),
          sli: z.number().describe('good/total as a ratio; meaningless when noData is set'),
          budget,
          burnRates: z.record(z.number()),
          alertState,
          policy: z.enum(['healthy', 'at-risk', 'exhausted', 'no-data']),
          noData,
          endpoints: z.array(
            z.object({
              resource: z.string(),
              objective: z.number(),
              total: z.number(),
              bad: z.number(),
              sli: z.number(),
              budget,
              burnRates: z.record(z.number()),
              alertState,
              noData,
            }),
          ),
          freshness: z.object({
            state: z.string(),
            fetchedAt: z.string().optional(),
            ageSeconds: z.number().optional(),
            error: z.string().optional(),
          }),
        });
      },
    },
    action: async ({ input, credentials }) => {
      const s = await slo.entitySlo(entityOf(input.entityRef), credentials);
      return {
        output: {
          entityRef: s.entityRef,
          objective: s.objective,
          window: s.window,
          windowStart: s.windowStart,
          windowEnd: s.windowEnd,
          total: s.total,
          bad: s.bad,
          sli: s.sli,
          budget: s.budget,
          burnRates: s.burnRates,
          alertState: s.alertState,
          policy: s.policy,
          noData: s.noData,
          endpoints: s.endpoints.map(e => ({
            resource: e.resource,
            objective: e.objective,
            total: e.total,
            bad: e.bad,
            sli: e.sli,
            budget: e.budget,
            burnRates: e.burnRates,
            alertState: e.alertState,
            noData: e.noData,
          })),
          freshness: s.freshness,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-deploy-gate',
    title: 'Deploy gate decision',
    description:
      'Whether a deploy of the service may go ahead now, and why: blocked while its error budget is ' +
      'exhausted; `unknown` (with the configured default in `allowed`) when there is no data to judge. ' +
      'Same data as GET /api/slo/entities/{kind}/{namespace}/{name}/gate.',
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().min(1).max(300).describe('The service, e.g. component:default/payment-service'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          allowed: z.boolean(),
          decision: z.enum(['allowed', 'blocked', 'unknown']),
          defaultDecision: z.enum(['allow', 'block']).optional(),
          policy: z.enum(['healthy', 'at-risk', 'exhausted', 'no-data']),
          reason: z.string(),
          reasonCode: z
            .string()
            .optional()
            .describe('The reason as a message code (slo.gate.*), for a client that shows it in its own language'),
          reasonParams: z.record(z.union([z.string(), z.number()])).optional(),
          budgetRemainingRatio: z.number().optional(),
          alertState: z.enum(['ok', 'ticket', 'page', 'no-data']).optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const gate = await slo.gate(entityOf(input.entityRef), credentials);
      return {
        output: {
          entityRef: gate.entityRef,
          allowed: gate.allowed,
          decision: gate.decision,
          defaultDecision: gate.defaultDecision,
          policy: gate.policy,
          reason: gate.reason,
          reasonCode: gate.reasonCode,
          reasonParams: gate.reasonParams,
          budgetRemainingRatio: gate.budgetRemainingRatio,
          alertState: gate.alertState,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'add-slo-correction',
    title: 'Add an SLO correction',
    description:
      "Excludes a window (planned maintenance) from a service's SLI, once or recurring (RRULE). Needs " +
      'slo.correction.manage on the service: its owners and the platform team. Recorded in the audit ' +
      'log. Same as POST /api/slo/entities/{kind}/{namespace}/{name}/corrections.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().min(1).max(300).describe('The service, e.g. component:default/payment-service'),
          start: z
            .string()
            .datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-12-01T02:00:00+09:00' })
            .describe('Start of the (first) excluded window, ISO 8601 with offset'),
          end: z
            .string()
            .datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-12-01T04:00:00+09:00' })
            .describe('End of the (first) excluded window, ISO 8601 with offset'),
          rrule: z
            .string()
            .max(255)
            .optional()
            .describe('Repeats the window: FREQ=DAILY|WEEKLY, INTERVAL, BYDAY, COUNT, UNTIL (JST)'),
          reason: z.string().trim().min(1, 'must not be empty').max(2000),
        }),
      output: z =>
        z.object({
          id: z.string(),
          entityRef: z.string(),
          start: z.string(),
          end: z.string(),
          rrule: z.string().optional(),
          reason: z.string(),
          author: z.string(),
          createdAt: z.string(),
        }),
    },
    action: async ({ input, credentials }) => {
      requireUser(auth, credentials);
      const { entityRef, ...body } = input;
      const ref = entityOf(entityRef);
      const created = await auditedChange(
        auditor,
        {
          credentials,
          eventId: 'correction-create',
          meta: { entity: `${ref.kind}:${ref.namespace}/${ref.name}` },
        },
        () => slo.addCorrection(ref, body, credentials),
        c => ({ correctionId: c.id }),
      );
      return { output: created };
    },
  });
}
