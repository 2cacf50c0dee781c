// @ts-check

/**
 * How far back the incident history is complete: each run lists the last 7 days (the infra
 * layer's background-refreshed recent list) and, at most hourly until it succeeds, the whole
 * `historyDays` window; `covered_since` is the start of the contiguous coverage.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('postmortem_incident_history_state', table => {
    table.string('covered_since', 32).nullable().comment('The history holds every incident created since');
    table.string('backfill_attempt_at', 32).nullable().comment('Last listing of the whole history window');
    table.text('backfill_error').nullable().comment('Why that listing failed (null after a success)');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('postmortem_incident_history_state', table => {
    table.dropColumn('covered_since');
    table.dropColumn('backfill_attempt_at');
    table.dropColumn('backfill_error');
  });
};
