import type {
  AuditorService,
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError } from '@backstage/errors';
import { auditedChange } from '@internal/plugin-portal-node';
import { PRIORITIES, STATUSES, type Priority, type RequestStatus } from '@internal/plugin-support-common';
import { MAX_PAGE_SIZE } from '../database/SupportStore';
import { fileSupportRequest } from '../services/Support/fileRequest';
import type { SupportService } from '../services/Support/types';

/** `/api/support` serves signed-in users only; so do its actions. */
function userOf(auth: AuthService, credentials: BackstageCredentials): BackstageCredentials<BackstageUserPrincipal> {
  if (!auth.isPrincipal(credentials, 'user')) {
    throw new NotAllowedError(
      `This action does not allow '${(credentials.principal as { type: string }).type}' credentials`,
    );
  }
  return credentials;
}

const statuses = STATUSES as unknown as [RequestStatus, ...RequestStatus[]];
const priorities = PRIORITIES as unknown as [Priority, ...Priority[]];

/**
 * The support plugin's actions (Backstage's actions registry, served as MCP tools by the
 * mcp-actions plugin), on the support service methods behind `GET` and `POST /api/support/requests`
 * with the caller's credentials: the same visibility rules, permission checks and audit events.
 */
export function registerSupportActions(options: {
  actionsRegistry: ActionsRegistryService;
  auth: AuthService;
  auditor: AuditorService;
  permissions: PermissionsService;
  support: SupportService;
}) {
  const { actionsRegistry, auth, auditor, permissions, support } = options;

  const sla = (z: any) => {
    const clock = z.object({
      kind: z.enum(['first_response', 'resolution']),
      targetMinutes: z.number(),
      elapsedMinutes: z.number().describe('business minutes'),
      remainingMinutes: z.number(),
      state: z.enum(['ok', 'warning', 'breached', 'met']),
      paused: z.boolean().describe('waiting on the requester'),
      dueAt: z.string().optional(),
      stoppedAt: z.string().optional(),
    });
    return z.object({ firstResponse: clock, resolution: clock });
  };

  actionsRegistry.register({
    name: 'list-support-requests',
    title: 'Support requests and their SLA state',
    description:
      "Support requests to the platform team the caller may see (their own, their teams' services', or " +
      'all for the platform team), newest first, with each SLA clock (first response, resolution: target, ' +
      'elapsed business minutes, state ok/warning/breached/met). Filter by service, team, status, SLA. ' +
      'Same data as GET /api/support/requests.',
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().max(300).optional().describe('A service, e.g. component:default/payment-service'),
          team: z.string().max(300).optional().describe('The owning team, e.g. team-checkout'),
          mine: z.boolean().default(false).describe('Only requests the caller filed'),
          open: z.boolean().default(true).describe('Only open requests (unless status is given)'),
          status: z.array(z.enum(statuses)).max(6).optional(),
          sla: z.enum(['breached', 'at-risk']).optional(),
          limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
          cursor: z.string().min(1).max(500).optional().describe('nextCursor of the previous answer'),
        }),
      output: z =>
        z.object({
          total: z.number(),
          nextCursor: z.string().optional(),
          items: z.array(
            z.object({
              id: z.number(),
              type: z.string(),
              title: z.string(),
              status: z.enum(statuses),
              priority: z.enum(priorities),
              entityRef: z.string().optional(),
              ownerRef: z.string().optional(),
              requester: z.string(),
              assignee: z.string().optional(),
              createdAt: z.string(),
              updatedAt: z.string(),
              sla: sla(z),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const list = await support.list(
        {
          mine: input.mine,
          open: input.open,
          ...(input.status ? { status: input.status } : {}),
          ...(input.team ? { team: input.team } : {}),
          ...(input.entityRef ? { entity: input.entityRef } : {}),
          ...(input.sla ? { sla: input.sla } : {}),
          offset: 0,
          limit: input.limit,
          ...(input.cursor ? { cursor: input.cursor } : {}),
        },
        userOf(auth, credentials),
      );
      return { output: { total: list.total, nextCursor: list.nextCursor, items: list.items } };
    },
  });

  actionsRegistry.register({
    name: 'file-support-request',
    title: 'File a support request',
    description:
      "Files a support request to the platform team. The portal attaches a snapshot of the service's " +
      'context (owner, on-call, SLO, Kubernetes problems, recent deploys and incidents) at filing time. ' +
      'Types and their fields: GET /api/support/types (e.g. type "question" with fields {question}). An ' +
      'urgent incident-assistance request for a service pages the platform on-call, which only its owners ' +
      'and the platform team may do. Each call files a new request unless the same idempotencyKey is ' +
      'given again. Recorded in the audit log. Same as POST /api/support/requests.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          type: z.string().min(1).max(100).describe('A request type id, e.g. question, access, incident-assistance'),
          title: z.string().trim().min(1, 'must not be empty').max(200),
          description: z.string().max(20_000).optional(),
          entityRef: z.string().min(1).max(300).optional().describe('The service it is about'),
          priority: z.enum(priorities).optional(),
          fields: z.record(z.string().max(60), z.unknown()).default({}).describe("The type's fields"),
          idempotencyKey: z
            .string()
            .min(1)
            .max(200)
            .optional()
            .describe('Filing again with the same key returns the same request'),
        }),
      output: z =>
        z.object({
          created: z.boolean().describe('false when the idempotencyKey named an existing request'),
          id: z.number(),
          type: z.string(),
          title: z.string(),
          status: z.enum(statuses),
          priority: z.enum(priorities),
          entityRef: z.string().optional(),
          ownerRef: z.string().optional(),
          requester: z.string(),
          createdAt: z.string(),
          sla: sla(z),
          context: z.object({ takenAt: z.string(), entityRef: z.string().optional() }).passthrough(),
          page: z
            .object({ status: z.enum(['sent', 'failed', 'deduplicated']), dedupKey: z.string(), at: z.string() })
            .passthrough()
            .optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const user = userOf(auth, credentials);
      const { idempotencyKey, ...body } = input;
      const { request: r, created } = await auditedChange(
        auditor,
        {
          credentials,
          eventId: 'support-request-create',
          meta: { type: body.type, ...(body.entityRef ? { entityRef: body.entityRef } : {}) },
        },
        () => fileSupportRequest({ permissions, support }, body, user, idempotencyKey),
        out => ({ requestId: out.request.id, created: out.created }),
      );
      return {
        output: {
          created,
          id: r.id,
          type: r.type,
          title: r.title,
          status: r.status,
          priority: r.priority,
          entityRef: r.entityRef,
          ownerRef: r.ownerRef,
          requester: r.requester,
          createdAt: r.createdAt,
          sla: r.sla,
          context: { ...r.context },
          page: r.page && { ...r.page },
        },
      };
    },
  });
}
