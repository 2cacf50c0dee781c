/**
 * What one audit record says in a sentence, as a code with parameters: the audit log page renders
 * it in the reader's language; `summary` keeps the English sentence for other clients.
 */

export type AuditSummaryParams = Record<string, string | number>;

/** English of every summary code (`{{name}}` placeholders); the frontend has the Japanese. */
export const AUDIT_SUMMARIES_EN = {
  prrEvaluate: 'Evaluated the production readiness of {{entity}}',
  prrReviewOpen: 'Opened a readiness review of {{entity}}',
  prrReviewSubmit: 'Submitted the readiness review of {{entity}}',
  prrReviewApprove: 'Approved the readiness review of {{entity}}',
  prrReviewRequestChanges: 'Asked for changes to the readiness review of {{entity}}',
  prrItemUpdate: 'Updated check {{item}} of {{entity}}',
  prrCommentAdd: 'Commented on check {{item}} of {{entity}}',
  postmortemCreate: 'Created a postmortem for {{entity}}',
  postmortemUpdate: 'Edited postmortem {{postmortem}}',
  postmortemDelete: 'Deleted postmortem {{postmortem}}',
  postmortemImpactRecompute: 'Recomputed the SLO impact of postmortem {{postmortem}}',
  postmortemTimelineAdd: 'Added a timeline entry to postmortem {{postmortem}}',
  postmortemTimelineUpdate: 'Edited a timeline entry of postmortem {{postmortem}}',
  postmortemTimelineDelete: 'Removed a timeline entry from postmortem {{postmortem}}',
  postmortemReviewRequest: 'Asked for a review of postmortem {{postmortem}}',
  postmortemApprove: 'Approved postmortem {{postmortem}}',
  postmortemReopen: 'Reopened postmortem {{postmortem}}',
  postmortemActionItemAdd: 'Added an action item to postmortem {{postmortem}}',
  postmortemActionItemUpdate: 'Updated an action item of postmortem {{postmortem}}',
  postmortemActionItemDelete: 'Removed an action item from postmortem {{postmortem}}',
  supportRequestCreate: 'Filed a support request of type {{type}}',
  supportRequestUpdate: 'Changed support request #{{request}}',
  supportRequestComment: 'Commented on support request #{{request}}',
  supportRequestInternalNote: 'Wrote an internal note on support request #{{request}}',
  sloCorrectionCreate: 'Added an SLO correction to {{entity}}',
  sloCorrectionDelete: 'Removed SLO correction {{correction}}',
  sloDatadogSyncApply: 'Applied the SLOs of {{count}} services to Datadog',
  catalogEntityRefresh: 'Asked the catalog to refresh {{entity}}',
  catalogEntityDelete: 'Removed entity {{uid}} from the catalog',
  catalogLocationCreate: 'Registered the location {{location}} in the catalog',
  catalogLocationUpdate: 'Changed catalog location {{id}}',
  catalogLocationDelete: 'Removed catalog location {{id}}',
  other: '{{eventId}} ({{plugin}})',
} as const;

export type AuditSummaryCode = keyof typeof AUDIT_SUMMARIES_EN;

export const isAuditSummaryCode = (code: unknown): code is AuditSummaryCode =>
  typeof code === 'string' && Object.prototype.hasOwnProperty.call(AUDIT_SUMMARIES_EN, code);

/** The fields of an audit record a summary is made from. */
export interface AuditSummaryInput {
  plugin: string;
  eventId: string;
  meta?: Record<string, unknown>;
}

export interface AuditSummary {
  /** The sentence in English. */
  summary: string;
  summaryCode: AuditSummaryCode;
  summaryParams: AuditSummaryParams;
}

const text = (v: unknown): string | undefined => {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' ? v : undefined;
};

/** `component:default/x` from an entity ref in the meta, or from its kind/namespace/name. */
function entityOf(meta: Record<string, unknown>): string | undefined {
  const ref = text(meta.entityRef) ?? text(meta.entity);
  if (ref) return ref;
  const [kind, namespace, name] = [text(meta.kind), text(meta.namespace), text(meta.name)];
  return kind && name ? `${kind.toLocaleLowerCase('en-US')}:${namespace ?? 'default'}/${name}` : undefined;
}

/** The plugins' own events: code and the meta fields it needs (by placeholder). */
const EVENTS: Record<string, AuditSummaryCode> = {
  'prr.prr-evaluate': 'prrEvaluate',
  'prr.prr-review-open': 'prrReviewOpen',
  'prr.prr-review-submit': 'prrReviewSubmit',
  'prr.prr-review-approve': 'prrReviewApprove',
  'prr.prr-review-request-changes': 'prrReviewRequestChanges',
  'prr.prr-item-update': 'prrItemUpdate',
  'prr.prr-comment-add': 'prrCommentAdd',
  'postmortem.postmortem-create': 'postmortemCreate',
  'postmortem.postmortem-update': 'postmortemUpdate',
  'postmortem.postmortem-delete': 'postmortemDelete',
  'postmortem.postmortem-impact-recompute': 'postmortemImpactRecompute',
  'postmortem.postmortem-timeline-add': 'postmortemTimelineAdd',
  'postmortem.postmortem-timeline-update': 'postmortemTimelineUpdate',
  'postmortem.postmortem-timeline-delete': 'postmortemTimelineDelete',
  'postmortem.postmortem-review-request': 'postmortemReviewRequest',
  'postmortem.postmortem-approve': 'postmortemApprove',
  'postmortem.postmortem-reopen': 'postmortemReopen',
  'postmortem.postmortem-action-item-add': 'postmortemActionItemAdd',
  'postmortem.postmortem-action-item-update': 'postmortemActionItemUpdate',
  'postmortem.postmortem-action-item-delete': 'postmortemActionItemDelete',
  'support.support-request-create': 'supportRequestCreate',
  'support.support-request-update': 'supportRequestUpdate',
  'support.support-request-comment': 'supportRequestComment',
  'slo.correction-create': 'sloCorrectionCreate',
  'slo.correction-delete': 'sloCorrectionDelete',
  'slo.datadog-sync-apply': 'sloDatadogSyncApply',
};

function codeOf(record: AuditSummaryInput, meta: Record<string, unknown>): AuditSummaryCode {
  const key = `${record.plugin}.${record.eventId}`;
  if (key === 'support.support-request-comment' && meta.internal === true) return 'supportRequestInternalNote';
  if (key === 'catalog.entity-mutate') {
    if (meta.queryType === 'refresh') return 'catalogEntityRefresh';
    if (meta.actionType === 'delete') return 'catalogEntityDelete';
  }
  if (key === 'catalog.location-mutate') {
    if (meta.actionType === 'create') return 'catalogLocationCreate';
    if (meta.actionType === 'update') return 'catalogLocationUpdate';
    if (meta.actionType === 'delete') return 'catalogLocationDelete';
  }
  return EVENTS[key] ?? 'other';
}

function fill(template: string, params: AuditSummaryParams): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    params[key] === undefined ? whole : String(params[key]),
  );
}

/**
 * The summary of an audit record. A record whose meta lacks what its sentence names (an older
 * record, a failed call) is summarised as `other`: the change's id and plugin, never a guess.
 */
export function summarizeAuditRecord(record: AuditSummaryInput): AuditSummary {
  const meta = record.meta ?? {};
  const location = meta.location as { type?: unknown; target?: unknown } | undefined;
  const candidates: AuditSummaryParams = {};
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined) candidates[key] = value;
  };
  put('entity', entityOf(meta));
  put('item', text(meta.itemId));
  put('postmortem', text(meta.postmortemId));
  put('type', text(meta.type));
  put('request', text(meta.requestId));
  put('correction', text(meta.correctionId));
  put('count', text(meta.entities));
  put('uid', text(meta.uid));
  put('id', text(meta.id));
  put('location', location ? text(location.target) : undefined);
  let code = codeOf(record, meta);
  const needed = [...AUDIT_SUMMARIES_EN[code].matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map(m => m[1]);
  if (code !== 'other' && needed.some(k => candidates[k] === undefined)) code = 'other';
  const params: AuditSummaryParams =
    code === 'other'
      ? { plugin: record.plugin, eventId: record.eventId }
      : Object.fromEntries(needed.map(k => [k, candidates[k]]));
  return { summary: fill(AUDIT_SUMMARIES_EN[code], params), summaryCode: code, summaryParams: params };
}
