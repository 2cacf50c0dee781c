// @ts-check

/**
 * Production readiness reviews: one review per entity, manual answers, comments, the history of
 * every change, and every evaluation of the automatic checks with its per-item results.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('prr_reviews', table => {
    table.comment('The production readiness review of an entity (one per entity)');
    table.string('id', 36).primary().notNullable().comment('UUID');
    table.string('entity_ref', 255).notNullable().comment('e.g. component:default/payment-service');
    table.string('status', 32).notNullable().comment('draft | in_review | approved | changes_requested | drifted');
    table.string('author', 255).notNullable().comment('User entity ref of whoever opened the review');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('submitted_at', { useTz: true }).nullable();
    table.string('decided_by', 255).nullable().comment('Who approved or requested changes');
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.text('approved_snapshot').nullable().comment('JSON: automatic item id -> status at approval');
    table.timestamp('drifted_at', { useTz: true }).nullable();
    table.text('drifted_items').nullable().comment('JSON array of item ids that went from pass to fail');
    table.unique(['entity_ref'], { indexName: 'prr_reviews_entity_ref_uniq' });
  });

  await knex.schema.createTable('prr_manual_answers', table => {
    table.comment('Answers to the manual items of a review');
    table.string('review_id', 36).notNullable().references('id').inTable('prr_reviews').onDelete('CASCADE');
    table.string('item_id', 100).notNullable();
    table.string('state', 32).notNullable().comment('pending | done | not-applicable');
    table.string('evidence_url', 2000).nullable();
    table.text('evidence_text').nullable();
    table.text('reason').nullable().comment('Why the item does not apply');
    table.string('updated_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['review_id', 'item_id'], 'prr_manual_answers_pk');
  });

  await knex.schema.createTable('prr_comments', table => {
    table.comment('Comments on the items of a review');
    table.string('id', 36).primary().notNullable();
    table.string('review_id', 36).notNullable().references('id').inTable('prr_reviews').onDelete('CASCADE');
    table.string('item_id', 100).notNullable();
    table.string('author', 255).notNullable();
    table.text('text').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['review_id', 'item_id'], 'prr_comments_review_item_idx');
  });

  await knex.schema.createTable('prr_history', table => {
    table.comment('Who changed what and when, with the value before and after');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('review_id', 36).nullable();
    table.string('actor', 255).notNullable();
    table.string('action', 64).notNullable();
    table.string('item_id', 100).nullable();
    table.text('before').nullable().comment('JSON');
    table.text('after').nullable().comment('JSON');
    table.timestamp('at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'id'], 'prr_history_entity_idx');
  });

  await knex.schema.createTable('prr_evaluations', table => {
    table.comment('Each evaluation of the checklist of an entity (the score trend)');
    table.string('id', 36).primary().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.string('trigger', 16).notNullable().comment('schedule | demand');
    table.string('template_id', 100).notNullable();
    table.string('tier', 8).nullable().comment('A | B | C, null when untiered');
    table.integer('score').notNullable();
    table.text('section_scores').notNullable().comment('JSON: section id -> score or null');
    table.index(['entity_ref', 'evaluated_at'], 'prr_evaluations_entity_time_idx');
    table.index(['evaluated_at'], 'prr_evaluations_time_idx');
  });

  await knex.schema.createTable('prr_results', table => {
    table.comment('Per item result of an evaluation of the automatic checks');
    table.string('evaluation_id', 36).notNullable().references('id').inTable('prr_evaluations').onDelete('CASCADE');
    table.string('item_id', 100).notNullable();
    table.string('check_id', 100).notNullable();
    table.string('status', 32).notNullable().comment('pass | fail | not-applicable | unknown');
    table.text('evidence').notNullable().comment('JSON array of strings');
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.primary(['evaluation_id', 'item_id'], 'prr_results_pk');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('prr_results');
  await knex.schema.dropTable('prr_evaluations');
  await knex.schema.dropTable('prr_history');
  await knex.schema.dropTable('prr_comments');
  await knex.schema.dropTable('prr_manual_answers');
  await knex.schema.dropTable('prr_reviews');
};
