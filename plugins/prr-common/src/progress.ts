import type { CheckResult, ChecklistItem, ItemStatus, ManualAnswer, SectionProgress } from './types';

/** How an item shows: from its automatic result or its manual answer, or n/a outside its tier. */
export function itemStatusOf(options: {
  applies: boolean;
  kind: 'automatic' | 'manual';
  result?: Pick<CheckResult, 'status'>;
  manual?: Pick<ManualAnswer, 'state'>;
}): ItemStatus {
  if (!options.applies) return 'not-applicable';
  if (options.kind === 'automatic') {
    const s = options.result?.status;
    if (s === 'pass' || s === 'fail' || s === 'not-applicable') return s;
    return 'unknown';
  }
  if (options.manual?.state === 'done') return 'pass';
  if (options.manual?.state === 'not-applicable') return 'not-applicable';
  return 'pending';
}

/**
 * Progress of a list of items: not-applicable items do not count; unknown automatic results
 * count as pending. The score is the share of counted items that pass, in percent.
 */
export function progressOf(items: Array<Pick<ChecklistItem, 'status'>>): SectionProgress {
  const counted = items.filter(i => i.status !== 'not-applicable');
  const passed = counted.filter(i => i.status === 'pass').length;
  const failed = counted.filter(i => i.status === 'fail').length;
  const total = counted.length;
  return {
    total,
    passed,
    failed,
    pending: total - passed - failed,
    score: total ? Math.round((passed / total) * 100) : 100,
  };
}
