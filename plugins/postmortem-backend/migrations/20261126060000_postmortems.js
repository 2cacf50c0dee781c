// @ts-check

/**
 * Postmortems with their revisions (a full snapshot per save), timeline entries, reviewers,
 * action items and history. Timestamps are ISO 8601 UTC strings (sortable as text).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('postmortems', table => {
    table.comment('Blameless postmortems, one row per document');
    table.string('id', 36).primary().notNullable().comment('UUID');
    table.string('entity_ref', 255).notNullable();
    table.string('owner_ref', 255).nullable().comment('Owning team of the entity');
    table.string('title', 500).notNullable();
    table.string('severity', 8).notNullable();
    table.string('status', 16).notNullable().comment('draft | in_review | published');
    table.string('language', 4).notNullable();
    table.text('incident_ids').notNullable().comment('JSON array of PagerDuty incident ids');
    table.text('incident').nullable().comment('JSON: what was imported from PagerDuty');
    table.string('started_at', 32).nullable();
    table.string('ended_at', 32).nullable();
    table.text('document').notNullable().comment('Markdown');
    table.text('impact').nullable().comment('JSON: SLO impact snapshot');
    table.integer('revision').notNullable().comment('Incremented by every document save');
    table.string('created_by', 255).notNullable();
    table.string('created_at', 32).notNullable();
    table.string('updated_by', 255).notNullable();
    table.string('updated_at', 32).notNullable();
    table.string('published_at', 32).nullable();
    table.index(['entity_ref'], 'postmortems_entity_ref_idx');
    table.index(['owner_ref'], 'postmortems_owner_ref_idx');
    table.index(['started_at'], 'postmortems_started_at_idx');
  });
  await knex.schema.createTable('postmortem_revisions', table => {
    table.comment('A full snapshot of the document per save');
    table.string('postmortem_id', 36).notNullable().references('id').inTable('postmortems').onDelete('CASCADE');
    table.integer('revision').notNullable();
    table.string('title', 500).notNullable();
    table.string('severity', 8).notNullable();
    table.text('document').notNullable();
    table.string('started_at', 32).nullable();
    table.string('ended_at', 32).nullable();
    table.string('author', 255).notNullable();
    table.string('created_at', 32).notNullable();
    table.primary(['postmortem_id', 'revision'], 'postmortem_revisions_pk');
  });
  await knex.schema.createTable('postmortem_timeline', table => {
    table.string('id', 36).primary().notNullable();
    table.string('postmortem_id', 36).notNullable().references('id').inTable('postmortems').onDelete('CASCADE');
    table.string('at', 32).notNullable();
    table.string('kind', 32).notNullable();
    table.text('text').notNullable();
    table.boolean('key_moment').notNullable().defaultTo(false);
    table.string('source', 16).notNullable().comment('pagerduty | manual');
    table.string('actor', 255).nullable();
    table.index(['postmortem_id', 'at'], 'postmortem_timeline_pm_at_idx');
  });
  await knex.schema.createTable('postmortem_reviewers', table => {
    table.string('postmortem_id', 36).notNullable().references('id').inTable('postmortems').onDelete('CASCADE');
    table.string('user_ref', 255).notNullable();
    table.string('approved_at', 32).nullable();
    table.primary(['postmortem_id', 'user_ref'], 'postmortem_reviewers_pk');
  });
  await knex.schema.createTable('postmortem_action_items', table => {
    table.string('id', 36).primary().notNullable();
    table.string('postmortem_id', 36).notNullable().references('id').inTable('postmortems').onDelete('CASCADE');
    table.string('title', 500).notNullable();
    table.string('owner_ref', 255).notNullable();
    table.string('priority', 4).notNullable();
    table.string('due_date', 10).nullable().comment('YYYY-MM-DD');
    table.string('status', 16).notNullable().comment('open | in_progress | done');
    table.string('link', 2000).nullable();
    table.string('created_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
    table.index(['owner_ref', 'status'], 'postmortem_action_items_owner_idx');
    table.index(['postmortem_id'], 'postmortem_action_items_pm_idx');
  });
  await knex.schema.createTable('postmortem_history', table => {
    table.increments('seq');
    table.string('postmortem_id', 36).notNullable().references('id').inTable('postmortems').onDelete('CASCADE');
    table.string('at', 32).notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 64).notNullable();
    table.text('detail').nullable();
    table.index(['postmortem_id'], 'postmortem_history_pm_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('postmortem_history');
  await knex.schema.dropTable('postmortem_action_items');
  await knex.schema.dropTable('postmortem_reviewers');
  await knex.schema.dropTable('postmortem_timeline');
  await knex.schema.dropTable('postmortem_revisions');
  await knex.schema.dropTable('postmortems');
};
