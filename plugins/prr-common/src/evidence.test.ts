import {
  formatEvidence,
  formatMessage,
  linesOf,
  PRR_EVIDENCE_CODES,
  PRR_EVIDENCE_MESSAGES,
  resultOf,
} from './evidence';

const placeholders = (message: string) => [...message.matchAll(/{{\s*(\w+)\s*}}/g)].map(m => m[1]).sort();
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9faf]/;

describe('PRR evidence codes', () => {
  it('have English and Japanese messages with the same placeholders, the Japanese ones in Japanese', () => {
    for (const code of PRR_EVIDENCE_CODES) {
      const { en, ja } = { en: PRR_EVIDENCE_MESSAGES.en[code], ja: PRR_EVIDENCE_MESSAGES.ja[code] };
      expect({ code, placeholders: placeholders(ja) }).toEqual({ code, placeholders: placeholders(en) });
      // A line without a Japanese word reads as English on a Japanese screen.
      expect({ code, japanese: JAPANESE.test(ja) }).toEqual({ code, japanese: true });
    }
  });

  it('send the English text beside each code, and render the code in either language', () => {
    const r = resultOf('fail', [
      { code: 'prr.k8s.pdbMissing', params: { object: 'Deployment a/b' }, cluster: 'aws-tokyo' },
    ]);
    expect(r.evidence).toEqual(['[aws-tokyo] Deployment a/b: no PodDisruptionBudget selects its pods']);
    expect(formatEvidence(r.evidenceCodes![0], 'ja', r.evidence[0])).toBe(
      '[aws-tokyo] Deployment a/b: Pod を選択する PodDisruptionBudget がありません',
    );
  });

  it('fall back to the English text for an unknown code or a line without one (an older result)', () => {
    const older = { status: 'fail' as const, evidence: ['something an older backend said'] };
    expect(linesOf(older).map(l => formatEvidence(l.code, 'ja', l.text))).toEqual(['something an older backend said']);
    expect(formatEvidence({ code: 'prr.future.check' as any, params: {} }, 'ja', 'from a newer backend')).toBe(
      'from a newer backend',
    );
  });

  it('leave a placeholder without a value visible instead of inventing one', () => {
    expect(formatMessage('{{a}} and {{b}}', { a: 1 })).toBe('1 and {{b}}');
  });
});
