import type { BackstageCredentials, BackstageUserPrincipal } from '@backstage/backend-plugin-api';
import type {
  Priority,
  RequestList,
  RequestStatus,
  RequestType,
  SupportAnalytics,
  SupportRequest,
  SupportRequestSummary,
} from '@internal/plugin-support-common';
import type { RequestHead } from '../../database/SupportStore';

export type Creds = BackstageCredentials<BackstageUserPrincipal>;

export interface CreateInput {
  type: string;
  title: string;
  description?: string;
  entityRef?: string;
  priority?: Priority;
  fields: Record<string, unknown>;
}

export interface ListQuery {
  mine?: boolean;
  status?: RequestStatus[];
  type?: string[];
  priority?: Priority[];
  team?: string;
  entity?: string;
  assignee?: string;
  sla?: 'breached' | 'at-risk';
  open?: boolean;
  /** Legacy offset paging; ignored with a cursor. */
  offset: number;
  limit: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface UpdateInput {
  status?: RequestStatus;
  assignee?: string | null;
  priority?: Priority;
}

/** Support requests: filing with context, access rules, triage, comments, SLA and analytics. */
export interface SupportService {
  /** The configured request types. */
  types(): RequestType[];
  /** Whether the caller may triage (see and change every request). */
  isTriager(credentials: Creds): Promise<boolean>;
  /** Files a request (once per idempotency key); `created` is false for a repeated key. */
  create(
    input: CreateInput,
    credentials: Creds,
    idempotencyKey?: string,
  ): Promise<{ request: SupportRequest; created: boolean }>;
  detail(id: number, credentials: Creds): Promise<SupportRequest>;
  list(query: ListQuery, credentials: Creds): Promise<RequestList>;
  update(id: number, input: UpdateInput, credentials: Creds): Promise<SupportRequest>;
  comment(id: number, input: { body: string; internal: boolean }, credentials: Creds): Promise<SupportRequest>;
  analytics(range: { from: Date; to: Date }, credentials: Creds): Promise<SupportAnalytics>;
  /** Recomputes stored SLA instants that are missing or belong to another SLA config; how many. */
  refreshSla(options?: { configChanged?: boolean }): Promise<number>;
  /** List rows of stored requests, with their SLA clocks as of `now`. */
  summaries(rows: RequestHead[], now?: number): Promise<SupportRequestSummary[]>;
  /** Notifies the recipients other than the actor about a request. */
  notify(
    recipients: Array<string | undefined>,
    actor: string,
    r: RequestHead,
    title: string,
    description: string,
  ): Promise<void>;
}
