// @ts-check

/**
 * The postmortem list pages in SQL by keyset on (started_at, created_at, id): an index in that
 * order, and for the list's filters (status, severity; team and entity with the sort key).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('postmortems', table => {
    table.index(['started_at', 'created_at', 'id'], 'postmortems_list_order_idx');
    table.index(['status', 'started_at'], 'postmortems_status_started_idx');
    table.index(['severity', 'started_at'], 'postmortems_severity_started_idx');
    table.index(['owner_ref', 'started_at'], 'postmortems_owner_started_idx');
    table.index(['entity_ref', 'started_at'], 'postmortems_entity_started_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('postmortems', table => {
    table.dropIndex([], 'postmortems_list_order_idx');
    table.dropIndex([], 'postmortems_status_started_idx');
    table.dropIndex([], 'postmortems_severity_started_idx');
    table.dropIndex([], 'postmortems_owner_started_idx');
    table.dropIndex([], 'postmortems_entity_started_idx');
  });
};
