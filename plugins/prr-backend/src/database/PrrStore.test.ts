import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { PrrStore } from './PrrStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function storeFor(id: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(id);
  const database = mockServices.database({ knex, migrations: { skip: false } });
  return { store: await PrrStore.create({ database }), knex };
}

describe.each(databases.eachSupportedId())('PrrStore on %p', databaseId => {
  it('opens one review per entity, also when two open at once', async () => {
    const { store } = await storeFor(databaseId);
    const ref = 'component:default/api';
    const results = await Promise.allSettled([
      store.transaction(tx => store.openReview(ref, 'user:default/a', tx)),
      store.transaction(tx => store.openReview(ref, 'user:default/b', tx)),
    ]);
    const opened = results.filter(r => r.status === 'fulfilled' && r.value);
    expect(opened.length).toBeGreaterThanOrEqual(1);
    expect((await store.reviewsByEntity()).size).toBe(1);
    // An open draft is not reopened.
    expect(await store.transaction(tx => store.openReview(ref, 'user:default/c', tx))).toBeUndefined();
  });

  it('changes a status only from the expected states; of two concurrent drifts exactly one wins', async () => {
    const { store } = await storeFor(databaseId);
    const ref = 'component:default/api';
    const { review } = (await store.transaction(tx => store.openReview(ref, 'user:default/a', tx)))!;
    expect(await store.transition(review.id, { from: ['in_review'], to: 'approved' })).toBe(false);
    expect(await store.transition(review.id, { from: ['draft'], to: 'in_review' })).toBe(true);
    expect(
      await store.transition(review.id, {
        from: ['in_review'],
        to: 'approved',
        set: {
          decided_by: 'user:default/b',
          decided_at: new Date(),
          approved_snapshot: JSON.stringify({ pdb: 'pass' }),
        } as any,
      }),
    ).toBe(true);
    const approved = (await store.review(ref))!;
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: 'user:default/b',
      approvedSnapshot: { pdb: 'pass' },
    });

    const drift = () =>
      store.transaction(async tx => {
        const won = await store.transition(
          review.id,
          {
            from: ['approved'],
            to: 'drifted',
            set: { drifted_at: new Date(), drifted_items: JSON.stringify(['pdb']) } as any,
          },
          tx,
        );
        if (won)
          await store.addHistory({ entityRef: ref, reviewId: review.id, actor: 'plugin:prr', action: 'drifted' }, tx);
        return won;
      });
    const wins = await Promise.all([drift(), drift(), drift()]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect((await store.history(ref)).filter(h => h.action === 'drifted')).toHaveLength(1);
    expect((await store.review(ref))!).toMatchObject({ status: 'drifted', driftedItems: ['pdb'] });

    // Reopening clears the decision and the drift.
    const reopened = (await store.transaction(tx => store.openReview(ref, 'user:default/c', tx)))!;
    expect(reopened.before!.status).toBe('drifted');
    expect(reopened.review).toMatchObject({ status: 'draft', author: 'user:default/c' });
    expect(reopened.review.driftedAt).toBeUndefined();
    expect(reopened.review.approvedSnapshot).toBeUndefined();
  });

  it('keeps answers, comments and history', async () => {
    const { store } = await storeFor(databaseId);
    const ref = 'component:default/api';
    const { review } = (await store.transaction(tx => store.openReview(ref, 'user:default/a', tx)))!;
    await store.transaction(tx =>
      store.setAnswer(
        review.id,
        'runbook',
        { state: 'done', evidenceUrl: 'https://x', updatedBy: 'user:default/a' },
        tx,
      ),
    );
    await store.transaction(tx =>
      store.setAnswer(
        review.id,
        'runbook',
        { state: 'not-applicable', reason: 'none', updatedBy: 'user:default/b' },
        tx,
      ),
    );
    const answers = await store.answers(review.id);
    expect(answers.get('runbook')).toMatchObject({
      state: 'not-applicable',
      reason: 'none',
      updatedBy: 'user:default/b',
    });
    expect(answers.get('runbook')!.evidenceUrl).toBeUndefined();
    await store.transaction(tx => store.addComment(review.id, 'runbook', 'user:default/b', 'ok?', tx));
    expect(await store.comments(review.id)).toEqual([expect.objectContaining({ itemId: 'runbook', text: 'ok?' })]);
    await store.addHistory({
      entityRef: ref,
      actor: 'user:default/a',
      action: 'item-updated',
      itemId: 'runbook',
      before: { state: 'pending' },
      after: { state: 'done' },
    });
    expect((await store.history(ref))[0]).toMatchObject({
      action: 'item-updated',
      before: { state: 'pending' },
      after: { state: 'done' },
    });
  });

  it('stores every evaluation with per-item results, the latest per entity and the trend', async () => {
    const { store } = await storeFor(databaseId);
    const base = {
      entityRef: 'component:default/api',
      trigger: 'schedule' as const,
      templateId: 'default',
      tier: 'A' as const,
      sectionScores: { kubernetes: 50 },
    };
    await store.addEvaluation({
      ...base,
      score: 80,
      results: [{ itemId: 'pdb', checkId: 'k8s.pdb', status: 'pass', evidence: ['ok'] }],
    });
    await new Promise(r => setTimeout(r, 10));
    const second = await store.addEvaluation({
      ...base,
      score: 60,
      results: [
        {
          itemId: 'pdb',
          checkId: 'k8s.pdb',
          status: 'fail',
          evidence: ['Deployment x/y: no PodDisruptionBudget selects its pods'],
          evidenceCodes: [{ code: 'prr.k8s.pdbMissing', params: { object: 'Deployment x/y' } }],
        },
      ],
    });
    await store.addEvaluation({ ...base, entityRef: 'component:default/other', score: 100, results: [] });
    const latest = (await store.latestEvaluation('component:default/api'))!;
    expect(latest.id).toBe(second.id);
    expect(latest.results.pdb).toMatchObject({
      status: 'fail',
      checkId: 'k8s.pdb',
      evidence: ['Deployment x/y: no PodDisruptionBudget selects its pods'],
      evidenceCodes: [{ code: 'prr.k8s.pdbMissing', params: { object: 'Deployment x/y' } }],
    });
    const scores = await store.latestScores();
    expect(scores.get('component:default/api')!.score).toBe(60);
    expect(scores.get('component:default/other')!.score).toBe(100);
    const trend = await store.evaluationsSince(new Date(Date.now() - 3600_000), ['component:default/api']);
    expect(trend.map(t => t.score)).toEqual([80, 60]);

    // Pruning everything keeps each entity's latest evaluation and its results.
    expect(await store.pruneEvaluations(new Date(Date.now() + 3600_000))).toBe(1);
    expect((await store.evaluationsSince(new Date(0))).map(t => t.score).sort()).toEqual([100, 60]);
    expect((await store.latestEvaluation('component:default/api'))!.results.pdb.status).toBe('fail');
  });
});
