// @ts-check

/**
 * The audit log: one row per finished change (succeeded or failed) to the portal's data.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('audit_events', table => {
    table.comment('Who changed what and when (medium severity and above auditor events)');
    table.bigIncrements('id').primary();
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.string('plugin', 64).notNullable().comment('Plugin that recorded the event, e.g. prr');
    table.string('event_id', 128).notNullable().comment('Kebab-case event name, e.g. review-approve');
    table.string('severity', 16).notNullable().comment('low | medium | high | critical');
    table.string('status', 16).notNullable().comment('succeeded | failed');
    table.string('actor', 255).nullable().comment('Entity ref of the user or the service subject');
    table.string('request_method', 16).nullable();
    table.string('request_url', 2048).nullable();
    table.string('request_id', 64).nullable().comment('x-request-id of the HTTP request');
    table.text('meta').nullable().comment('JSON: ids and facts of the change');
    table.text('error').nullable().comment('Error message when the change failed');
    table.index(['occurred_at'], 'audit_events_occurred_at_idx');
    table.index(['plugin', 'occurred_at'], 'audit_events_plugin_idx');
    table.index(['actor', 'occurred_at'], 'audit_events_actor_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_events');
};
