// @ts-check

/**
 * The incident history behind MTTA/MTTR: one row per PagerDuty incident of the last
 * `postmortem.metrics.historyDays`, refreshed by the background task `postmortem-incident-history`
 * (the metrics route reads only these tables). Timestamps are ISO 8601 UTC strings (sortable as text).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('postmortem_incident_history', table => {
    table.comment('PagerDuty incidents for MTTA/MTTR, refreshed in the background');
    table.string('incident_id', 64).primary().notNullable();
    table.string('service_id', 64).notNullable();
    table.string('created_at', 32).notNullable();
    table.string('resolved_at', 32).nullable();
    table.string('acknowledged_at', 32).nullable().comment('First acknowledge log entry');
    table.string('log_read_at', 32).nullable().comment('When the log entries were last read (null: never)');
    table
      .boolean('log_settled')
      .notNullable()
      .defaultTo(false)
      .comment('No more log reads: acknowledged, or read long enough after the resolution');
    table.string('updated_at', 32).notNullable();
    table.index(['created_at'], 'postmortem_incident_history_created_idx');
    table.index(['log_settled', 'created_at'], 'postmortem_incident_history_due_idx');
  });
  await knex.schema.createTable('postmortem_incident_history_state', table => {
    table.comment('One row: how the last refreshes of the incident history went');
    table.string('id', 32).primary().notNullable();
    table.string('last_success_at', 32).nullable().comment('Last incident listing that succeeded');
    table.string('last_attempt_at', 32).nullable();
    table.text('last_error').nullable().comment('Why the last listing failed (null after a success)');
    table.text('last_log_error').nullable().comment('Why log lookups of the last run failed');
    table.boolean('not_configured').notNullable().defaultTo(false).comment('PagerDuty is not configured');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('postmortem_incident_history_state');
  await knex.schema.dropTable('postmortem_incident_history');
};
