// @ts-check

/**
 * SLO corrections: periods excluded from an entity's SLI (maintenance windows), one-off or
 * repeating by an RRULE.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_corrections', table => {
    table.comment('Periods excluded from the SLI of an entity (maintenance windows)');
    table.string('id', 36).primary().notNullable().comment('UUID');
    table.string('entity_ref', 255).notNullable().comment('e.g. component:default/payment-service');
    table.timestamp('start_at', { useTz: true }).notNullable().comment('Start of the (first) excluded period');
    table.timestamp('end_at', { useTz: true }).notNullable().comment('End of the (first) excluded period');
    table.string('rrule', 255).nullable().comment('RRULE subset for recurring periods (JST), null when one-off');
    table.text('reason').notNullable();
    table.string('author', 255).notNullable().comment('Entity ref of the user who created it');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['entity_ref'], 'slo_corrections_entity_ref_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_corrections');
};
