import type { AuditorService, AuthService, BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError, NotAllowedError } from '@backstage/errors';
import { toEntityRef } from '@internal/plugin-portal-common';
import { auditedChange } from '@internal/plugin-portal-node';
import { MAX_PAGE_SIZE } from '../database/PostmortemStore';
import type { PostmortemService } from '../services/Postmortem/types';

/** `/api/postmortem` serves signed-in users only; so do its actions. */
function requireUser(auth: AuthService, credentials: BackstageCredentials) {
  if (!auth.isPrincipal(credentials, 'user')) {
    throw new NotAllowedError(
      `This action does not allow '${(credentials.principal as { type: string }).type}' credentials`,
    );
  }
}

/** As `GET /postmortems?entity=…&team=…`: a bare name is a Component, or a Group for teams. */
const refOf = (value: string, defaultKind: 'component' | 'group') => toEntityRef(value, { defaultKind }) ?? value;

/**
 * The postmortem plugin's actions (Backstage's actions registry, served as MCP tools by the
 * mcp-actions plugin). Each calls the postmortem service method behind the matching REST route,
 * with the caller's credentials (same permission checks); writes are audited like the routes'.
 */
export function registerPostmortemActions(options: {
  actionsRegistry: ActionsRegistryService;
  auth: AuthService;
  auditor: AuditorService;
  postmortems: PostmortemService;
}) {
  const { actionsRegistry, auth, auditor, postmortems } = options;

  actionsRegistry.register({
    name: 'list-postmortems',
    title: 'Postmortems and open action items',
    description:
      'The postmortems of a service (entityRef) or of a team (team), newest first, and the action items ' +
      'that are still open or in progress: for a service, those of its postmortems; for a team, those the ' +
      'team owns. Same data as GET /api/postmortem/postmortems?entity=…|team=…&limit=… and ' +
      'GET /api/postmortem/action-items?entity=…|owner=…&status=open,in_progress.',
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .trim()
            .min(1)
            .max(255)
            .optional()
            .describe('A service, e.g. component:default/payment-service (or team)'),
          team: z
            .string()
            .trim()
            .min(1)
            .max(255)
            .optional()
            .describe('A team, e.g. group:default/team-checkout or team-checkout (or entityRef)'),
          limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(50).describe('How many postmortems at most'),
          cursor: z.string().min(1).max(1000).optional().describe('nextCursor of the previous answer'),
        }),
      output: z =>
        z.object({
          postmortems: z.array(
            z.object({
              id: z.string(),
              entityRef: z.string(),
              ownerRef: z.string().optional(),
              title: z.string(),
              severity: z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']),
              status: z.enum(['draft', 'in_review', 'published']),
              incidentIds: z.array(z.string()),
              startedAt: z.string().optional(),
              endedAt: z.string().optional(),
              createdAt: z.string(),
              updatedAt: z.string(),
              openActionItems: z.number(),
            }),
          ),
          nextCursor: z.string().optional(),
          openActionItems: z.array(
            z.object({
              id: z.string(),
              postmortemId: z.string(),
              postmortemTitle: z.string(),
              entityRef: z.string(),
              title: z.string(),
              ownerRef: z.string(),
              priority: z.enum(['P1', 'P2', 'P3', 'P4']),
              dueDate: z.string().optional(),
              status: z.enum(['open', 'in_progress', 'done']),
              overdue: z.boolean(),
              link: z.string().optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      requireUser(auth, credentials);
      if (Boolean(input.entityRef) === Boolean(input.team)) throw new InputError('give either entityRef or team');
      const entityRef = input.entityRef ? refOf(input.entityRef, 'component') : undefined;
      const team = input.team ? refOf(input.team, 'group') : undefined;
      const [page, items] = await Promise.all([
        postmortems.page(
          entityRef ? { entityRef } : { ownerRef: team },
          { limit: input.limit, ...(input.cursor ? { cursor: input.cursor } : {}) },
          credentials,
        ),
        postmortems.actionItems(
          { status: ['open', 'in_progress'], ...(entityRef ? { entityRef } : { owner: team }) },
          credentials,
        ),
      ]);
      return {
        output: {
          postmortems: page.items.map(p => ({
            id: p.id,
            entityRef: p.entityRef,
            ownerRef: p.ownerRef,
            title: p.title,
            severity: p.severity,
            status: p.status,
            incidentIds: p.incidentIds,
            startedAt: p.startedAt,
            endedAt: p.endedAt,
            createdAt: p.createdAt,
            updatedAt: p.updatedAt,
            openActionItems: p.openActionItems,
          })),
          nextCursor: page.nextCursor,
          openActionItems: items.map(i => ({
            id: i.id,
            postmortemId: i.postmortemId,
            postmortemTitle: i.postmortemTitle,
            entityRef: i.entityRef,
            title: i.title,
            ownerRef: i.ownerRef,
            priority: i.priority,
            dueDate: i.dueDate,
            status: i.status,
            overdue: i.overdue,
            link: i.link,
          })),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'create-postmortem-from-incident',
    title: 'Draft a postmortem from a PagerDuty incident',
    description:
      'Creates a draft postmortem of a service from one of its PagerDuty incidents: title, urgency, start ' +
      'and end, responders and the incident log as the timeline are imported, and the SLO impact of the ' +
      'incident window is computed. Needs postmortem.edit on the service (its owners and the platform ' +
      'team). Each call creates a new draft. Recorded in the audit log. Same as POST /api/postmortem/postmortems.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().trim().min(1).max(255).describe('The service, e.g. component:default/payment-service'),
          incidentId: z
            .string()
            .trim()
            .regex(/^[A-Za-z0-9]{1,64}$/, 'must be a PagerDuty incident id')
            .describe('The PagerDuty incident id, e.g. Q1ABCDEF'),
          title: z.string().trim().min(1).max(500).optional().describe("Default: the incident's title"),
          severity: z
            .enum(['SEV1', 'SEV2', 'SEV3', 'SEV4'])
            .optional()
            .describe('Default: SEV2 for high urgency, else SEV3'),
          language: z.enum(['en', 'ja']).optional().describe("The document's language (default: the portal's)"),
        }),
      output: z =>
        z.object({
          id: z.string(),
          entityRef: z.string(),
          ownerRef: z.string().optional(),
          title: z.string(),
          severity: z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']),
          status: z.enum(['draft', 'in_review', 'published']),
          language: z.enum(['en', 'ja']),
          revision: z.number(),
          incidentIds: z.array(z.string()),
          startedAt: z.string().optional(),
          endedAt: z.string().optional(),
          createdBy: z.string(),
          createdAt: z.string(),
          timelineEntries: z.number(),
        }),
    },
    action: async ({ input, credentials }) => {
      requireUser(auth, credentials);
      const pm = await auditedChange(
        auditor,
        {
          credentials,
          eventId: 'postmortem-create',
          meta: { entityRef: input.entityRef, incidentId: input.incidentId },
        },
        () => postmortems.create(input, credentials),
        created => ({ postmortemId: created.id }),
      );
      return {
        output: {
          id: pm.id,
          entityRef: pm.entityRef,
          ownerRef: pm.ownerRef,
          title: pm.title,
          severity: pm.severity,
          status: pm.status,
          language: pm.language,
          revision: pm.revision,
          incidentIds: pm.incidentIds,
          startedAt: pm.startedAt,
          endedAt: pm.endedAt,
          createdBy: pm.createdBy,
          createdAt: pm.createdAt,
          timelineEntries: pm.timeline.length,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'update-action-item-status',
    title: "Update an action item's status",
    description:
      "Sets a postmortem action item's status (open, in_progress, done). Allowed to the item's owner (the " +
      "user or a member of the owning group), the service's owners and the platform team. Setting the " +
      "same status again changes nothing more; the postmortem's history keeps every change. Recorded in " +
      'the audit log. Same as PATCH /api/postmortem/postmortems/{id}/action-items/{itemId} with {status}.',
    // A status can always be set back (and the history keeps the old one): not destructive.
    attributes: { readOnly: false, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          postmortemId: z.string().uuid('must be a postmortem id (UUID)'),
          itemId: z.string().uuid('must be an action item id (UUID)'),
          status: z.enum(['open', 'in_progress', 'done']),
        }),
      output: z =>
        z.object({
          id: z.string(),
          postmortemId: z.string(),
          title: z.string(),
          ownerRef: z.string(),
          priority: z.enum(['P1', 'P2', 'P3', 'P4']),
          dueDate: z.string().optional(),
          status: z.enum(['open', 'in_progress', 'done']),
          overdue: z.boolean(),
          updatedAt: z.string(),
        }),
    },
    action: async ({ input, credentials }) => {
      requireUser(auth, credentials);
      const { postmortemId, itemId, status } = input;
      const item = await auditedChange(
        auditor,
        { credentials, eventId: 'postmortem-action-item-update', meta: { postmortemId, itemId, status } },
        () => postmortems.updateActionItem(postmortemId, itemId, { status }, credentials),
      );
      return {
        output: {
          id: item.id,
          postmortemId: item.postmortemId,
          title: item.title,
          ownerRef: item.ownerRef,
          priority: item.priority,
          dueDate: item.dueDate,
          status: item.status,
          overdue: item.overdue,
          updatedAt: item.updatedAt,
        },
      };
    },
  });
}
