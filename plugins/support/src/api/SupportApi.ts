import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  NewSupportRequest,
  Priority,
  RequestList,
  RequestStatus,
  RequestType,
  SupportAnalytics,
  SupportRequest,
} from '@internal/plugin-support-common';

export interface RequestQuery {
  mine?: boolean;
  open?: boolean;
  status?: RequestStatus[];
  type?: string[];
  priority?: Priority[];
  team?: string;
  entity?: string;
  assignee?: string;
  sla?: 'breached' | 'at-risk';
  offset?: number;
  /** Page size, at most 200. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface SupportApi {
  me(): Promise<{ userEntityRef: string; triage: boolean }>;
  types(): Promise<RequestType[]>;
  list(query: RequestQuery): Promise<RequestList>;
  get(id: number): Promise<SupportRequest>;
  create(input: NewSupportRequest, idempotencyKey?: string): Promise<SupportRequest>;
  update(
    id: number,
    patch: { status?: RequestStatus; assignee?: string | null; priority?: Priority },
  ): Promise<SupportRequest>;
  comment(id: number, input: { body: string; internal: boolean }): Promise<SupportRequest>;
  analytics(range?: { from?: string; to?: string }): Promise<SupportAnalytics>;
}

export const supportApiRef = createApiRef<SupportApi>({ id: 'plugin.support.service' });
