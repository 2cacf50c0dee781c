import { applyPatch, createPatch, diffLines } from 'diff';

export interface DiffLine {
  kind: 'added' | 'removed' | 'same';
  text: string;
}

/** Line diff of two texts (for the revision history and the conflict dialog). */
export function lineDiff(before: string, after: string): DiffLine[] {
  const out: DiffLine[] = [];
  for (const change of diffLines(before, after)) {
    let kind: DiffLine['kind'] = 'same';
    if (change.added) kind = 'added';
    else if (change.removed) kind = 'removed';
    const lines = change.value.replace(/\n$/, '').split('\n');
    for (const text of lines) out.push({ kind, text });
  }
  return out;
}

/**
 * Merges my edit (base → mine) into their newer text (base → theirs). When my changes apply
 * cleanly on top of theirs, the result has both; otherwise it keeps their text and appends mine
 * between markers, so nothing of either is lost and the author resolves it by hand.
 */
export function mergeTexts(base: string, mine: string, theirs: string): { text: string; clean: boolean } {
  if (mine === base) return { text: theirs, clean: true };
  if (theirs === base || theirs === mine) return { text: mine, clean: true };
  const patch = createPatch('document', base, mine, '', '', { context: 2 });
  const merged = applyPatch(theirs, patch);
  if (merged !== false) return { text: merged, clean: true };
  return {
    text: `${theirs.replace(/\n*$/, '\n')}\n<<<<<<< mine\n${mine.replace(/\n*$/, '\n')}>>>>>>> mine\n`,
    clean: false,
  };
}
