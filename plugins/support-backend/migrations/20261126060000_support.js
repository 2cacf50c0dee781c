// @ts-check

/**
 * Support requests, their comments and internal notes, the history of every change, and the
 * SLA events (warning, breach) recorded once per request and clock.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('support_requests', table => {
    table.comment('Requests from product teams to the platform team');
    table.increments('id').primary();
    table.string('type', 100).notNullable().comment('Request type id, e.g. incident-assistance');
    table.string('title', 200).notNullable();
    table.text('description').notNullable();
    table.string('entity_ref', 300).nullable().comment('The entity the request is about');
    table.string('owner_ref', 300).nullable().comment("The entity's owner when filed");
    table.string('requester', 300).notNullable().comment('Entity ref of the user who filed it');
    table.string('assignee', 300).nullable();
    table.string('status', 40).notNullable();
    table.string('priority', 4).notNullable();
    table.text('fields').notNullable().comment('JSON: the values of the type-specific fields');
    table.text('context').notNullable().comment('JSON: the context snapshot taken when filed');
    table.string('idempotency_key', 200).nullable().comment('Idempotency-Key header of the create call');
    table.text('page').nullable().comment('JSON: the PagerDuty page sent for urgent help');
    table.string('page_dedup_key', 255).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('first_response_at', { useTz: true }).nullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.unique(['requester', 'idempotency_key'], { indexName: 'support_requests_idempotency_uq' });
    table.index(['status'], 'support_requests_status_idx');
    table.index(['entity_ref'], 'support_requests_entity_idx');
    table.index(['requester'], 'support_requests_requester_idx');
    table.index(['created_at'], 'support_requests_created_idx');
  });

  await knex.schema.createTable('support_comments', table => {
    table.comment('Public comments and internal notes (platform team only) on requests');
    table.increments('id').primary();
    table
      .integer('request_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('support_requests')
      .onDelete('CASCADE');
    table.string('author', 300).notNullable();
    table.text('body').notNullable();
    table.boolean('internal').notNullable().defaultTo(false);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['request_id'], 'support_comments_request_idx');
  });

  await knex.schema.createTable('support_history', table => {
    table.comment('Every change of a request: filing, status, assignee, priority, comments, pages');
    table.increments('id').primary();
    table
      .integer('request_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('support_requests')
      .onDelete('CASCADE');
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('actor', 300).notNullable();
    table.string('action', 40).notNullable();
    table.string('from_value', 300).nullable();
    table.string('to_value', 300).nullable();
    table.index(['request_id'], 'support_history_request_idx');
  });

  await knex.schema.createTable('support_sla_events', table => {
    table.comment('SLA warnings and breaches, recorded once per request, clock and kind');
    table.increments('id').primary();
    table
      .integer('request_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('support_requests')
      .onDelete('CASCADE');
    table.string('clock', 20).notNullable().comment('first_response or resolution');
    table.string('kind', 20).notNullable().comment('warning or breach');
    table.timestamp('at', { useTz: true }).notNullable();
    table.unique(['request_id', 'clock', 'kind'], { indexName: 'support_sla_events_uq' });
  });

  await knex.schema.createTable('support_meta', table => {
    table.comment('One-off markers (e.g. demo data seeded)');
    table.string('key', 100).primary();
    table.timestamp('at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('support_meta');
  await knex.schema.dropTable('support_sla_events');
  await knex.schema.dropTable('support_history');
  await knex.schema.dropTable('support_comments');
  await knex.schema.dropTable('support_requests');
};
