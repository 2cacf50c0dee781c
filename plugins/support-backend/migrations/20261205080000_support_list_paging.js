// @ts-check

/**
 * Lists paged in SQL: the SLA instants of each request stored in columns (so "breached" and
 * "at risk" are SQL conditions), and indexes for the queue's sort order and filters.
 *
 * The SLA columns are computed by the backend (business hours and pauses live in its config and
 * in the history): rows written before this migration, or changed since their last computation,
 * have `sla_version` NULL (or an older config fingerprint) and are recomputed at start-up and
 * before each list.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('support_requests', table => {
    table
      .timestamp('sla_fr_warn_at', { useTz: true })
      .nullable()
      .comment('When the running first-response clock reaches its warning share (NULL: not while it stays as it is)');
    table
      .timestamp('sla_fr_breach_at', { useTz: true })
      .nullable()
      .comment('When the first-response clock is (or was) breached; NULL: not breached while it stays as it is');
    table
      .timestamp('sla_res_warn_at', { useTz: true })
      .nullable()
      .comment('As sla_fr_warn_at, for the resolution clock');
    table
      .timestamp('sla_res_breach_at', { useTz: true })
      .nullable()
      .comment('As sla_fr_breach_at, for the resolution clock');
    table
      .string('sla_version', 64)
      .nullable()
      .comment('Fingerprint of the SLA config the columns were computed with; NULL: to be recomputed');
  });
  await knex.schema.alterTable('support_requests', table => {
    table.index(['created_at', 'id'], 'support_requests_created_id_idx');
    table.index(['status', 'created_at'], 'support_requests_status_created_idx');
    table.index(['owner_ref', 'created_at'], 'support_requests_owner_created_idx');
    table.index(['assignee', 'created_at'], 'support_requests_assignee_created_idx');
    table.index(['requester', 'created_at'], 'support_requests_requester_created_idx');
    table.index(['type'], 'support_requests_type_idx');
    table.index(['priority'], 'support_requests_priority_idx');
    table.index(['sla_fr_breach_at'], 'support_requests_sla_fr_breach_idx');
    table.index(['sla_res_breach_at'], 'support_requests_sla_res_breach_idx');
    table.index(['sla_fr_warn_at'], 'support_requests_sla_fr_warn_idx');
    table.index(['sla_res_warn_at'], 'support_requests_sla_res_warn_idx');
    table.index(['sla_version'], 'support_requests_sla_version_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('support_requests', table => {
    for (const name of [
      'created_id',
      'status_created',
      'owner_created',
      'assignee_created',
      'requester_created',
      'type',
      'priority',
      'sla_fr_breach',
      'sla_res_breach',
      'sla_fr_warn',
      'sla_res_warn',
      'sla_version',
    ]) {
      table.dropIndex([], `support_requests_${name}_idx`);
    }
  });
  await knex.schema.alterTable('support_requests', table => {
    table.dropColumns('sla_fr_warn_at', 'sla_fr_breach_at', 'sla_res_warn_at', 'sla_res_breach_at', 'sla_version');
  });
};
