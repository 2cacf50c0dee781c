// @ts-check

/**
 * The evidence lines of a result as codes with parameters (issue 15: every screen in one
 * language), beside the English lines of `evidence`. Null for results stored before.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('prr_results', table => {
    table
      .text('evidence_codes')
      .nullable()
      .comment('JSON array of { code, params, cluster? }, one per line of evidence; null before codes existed');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('prr_results', table => {
    table.dropColumn('evidence_codes');
  });
};
