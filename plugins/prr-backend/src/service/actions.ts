import type { AuthService, BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { EntityParams, PrrService } from '../services/Prr/types';

function entityOf(entityRef: string): EntityParams {
  try {
    return parseEntityRef(entityRef, { defaultKind: 'component', defaultNamespace: 'default' });
  } catch (e) {
    throw new InputError(`entityRef: ${(e as Error).message}`);
  }
}

/** `/api/prr` serves signed-in users only; so do its actions. */
function requireUser(auth: AuthService, credentials: BackstageCredentials) {
  if (!auth.isPrincipal(credentials, 'user')) {
    throw new NotAllowedError(
      `This action does not allow '${(credentials.principal as { type: string }).type}' credentials`,
    );
  }
}

/**
 * The PRR plugin's actions (Backstage's actions registry, served as MCP tools by the mcp-actions
 * plugin), on the same PRR service method as `GET /api/prr/entities/{kind}/{namespace}/{name}`.
 */
export function registerPrrActions(options: {
  actionsRegistry: ActionsRegistryService;
  auth: AuthService;
  prr: PrrService;
}) {
  const { actionsRegistry, auth, prr } = options;

  actionsRegistry.register({
    name: 'get-prr-checklist',
    title: 'Production readiness checklist',
    description:
      "A service's production readiness review: its tier, score and progress per section, the review's " +
      'status, and every applicable item that fails (with the evidence the automatic check found: the ' +
      'objects and fields, one line each) or is still pending. Same data as ' +
      'GET /api/prr/entities/{kind}/{namespace}/{name}.',
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().min(1).max(300).describe('The service, e.g. component:default/payment-service'),
        }),
      output: z => {
        const progress = z.object({
          total: z.number(),
          passed: z.number(),
          failed: z.number(),
          pending: z.number(),
          score: z.number().describe('passed / total in percent'),
        });
        const item = z.object({
          id: z.string(),
          sectionId: z.string(),
          title: z.string(),
          kind: z.enum(['automatic', 'manual']),
          status: z.enum(['pass', 'fail', 'pending', 'not-applicable', 'unknown']),
          check: z.string().optional(),
          evidence: z.array(z.string()).describe('What the automatic check found, one line each'),
          evaluatedAt: z.string().optional(),
          guidance: z.string(),
        });
        return z.object({
          entityRef: z.string(),
          title: z.string().optional(),
          owner: z.string().optional(),
          tier: z.enum(['A', 'B', 'C']).nullable().describe('null: the entity has no SLO (tier C items apply)'),
          templateId: z.string(),
          evaluatedAt: z.string().optional(),
          score: z.number(),
          progress,
          sections: z.array(z.object({ id: z.string(), title: z.string(), progress })),
          review: z
            .object({
              id: z.string(),
              status: z.enum(['draft', 'in_review', 'approved', 'changes_requested', 'drifted']),
              author: z.string(),
              updatedAt: z.string(),
              decidedBy: z.string().optional(),
              driftedItems: z.array(z.string()).optional(),
            })
            .optional(),
          failing: z.array(item),
          pending: z.array(item),
        });
      },
    },
    action: async ({ input, credentials }) => {
      requireUser(auth, credentials);
      const p = await prr.entityPrr(entityOf(input.entityRef), credentials);
      const items = p.sections.flatMap(s => s.items).filter(i => i.applies);
      const itemOut = (i: (typeof items)[number]) => ({
        id: i.id,
        sectionId: i.sectionId,
        title: i.title.en,
        kind: i.kind,
        status: i.status,
        ...(i.check ? { check: i.check } : {}),
        evidence: i.result?.evidence ?? [],
        ...(i.result?.evaluatedAt ? { evaluatedAt: i.result.evaluatedAt } : {}),
        guidance: i.guidance.en,
      });
      return {
        output: {
          entityRef: p.entityRef,
          title: p.title,
          owner: p.owner,
          tier: p.tier,
          templateId: p.templateId,
          evaluatedAt: p.evaluatedAt,
          score: p.score,
          progress: p.progress,
          sections: p.sections.map(s => ({ id: s.id, title: s.title.en, progress: s.progress })),
          review: p.review && {
            id: p.review.id,
            status: p.review.status,
            author: p.review.author,
            updatedAt: p.review.updatedAt,
            decidedBy: p.review.decidedBy,
            driftedItems: p.review.driftedItems,
          },
          failing: items.filter(i => i.status === 'fail').map(itemOut),
          pending: items.filter(i => i.status === 'pending' || i.status === 'unknown').map(itemOut),
        },
      };
    },
  });
}
