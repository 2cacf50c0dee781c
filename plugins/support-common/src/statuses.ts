import type { Priority, RequestStatus } from './types';

export const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];

export const STATUSES: readonly RequestStatus[] = [
  'new',
  'triaged',
  'in_progress',
  'waiting_on_requester',
  'resolved',
  'closed',
];

export const OPEN_STATUSES: readonly RequestStatus[] = ['new', 'triaged', 'in_progress', 'waiting_on_requester'];

/** Status changes the platform team may make. */
const PLATFORM: Record<RequestStatus, RequestStatus[]> = {
  new: ['triaged', 'in_progress', 'waiting_on_requester', 'resolved', 'closed'],
  triaged: ['in_progress', 'waiting_on_requester', 'resolved', 'closed'],
  in_progress: ['triaged', 'waiting_on_requester', 'resolved', 'closed'],
  waiting_on_requester: ['triaged', 'in_progress', 'resolved', 'closed'],
  resolved: ['in_progress', 'closed'],
  closed: ['triaged'],
};

/**
 * Status changes the requester (or an owner of the request's entity) may make: answer a
 * question (back to in progress), withdraw, confirm a resolution, or reopen it.
 */
const REQUESTER: Record<RequestStatus, RequestStatus[]> = {
  new: ['closed'],
  triaged: ['closed'],
  in_progress: ['closed'],
  waiting_on_requester: ['in_progress', 'closed'],
  resolved: ['in_progress', 'closed'],
  closed: [],
};

export function allowedTransitions(from: RequestStatus, role: 'platform' | 'requester'): RequestStatus[] {
  return (role === 'platform' ? PLATFORM : REQUESTER)[from] ?? [];
}

export const isOpenStatus = (s: RequestStatus) => OPEN_STATUSES.includes(s);
