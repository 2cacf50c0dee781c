// @ts-check

/**
 * Rollouts of Deployments seen in the cluster snapshots, and the PagerDuty change events they
 * send (issue 16: deploys visible to on-call). Timestamps are ISO 8601 UTC strings (sortable as
 * text). The unique keys are the claims that make each rollout recorded and announced once across
 * replicas sharing the database.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('infra_deployment_revisions', table => {
    table.comment('The last revision of each Deployment the portal saw (first sight records, never announces)');
    table.string('cluster', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.integer('revision').notNullable().comment('deployment.kubernetes.io/revision');
    table.string('seen_at', 32).notNullable();
    table.primary(['cluster', 'namespace', 'name'], 'infra_deployment_revisions_pk');
  });
  await knex.schema.createTable('infra_rollouts', table => {
    table.comment('One row per rollout (a new revision of a Deployment), inserted once across replicas');
    table.increments('id').primary();
    table.string('cluster', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.integer('revision').notNullable();
    table.integer('previous_revision').notNullable();
    table.text('images').notNullable().comment('JSON array of the container images of the new revision');
    table.string('version', 255).nullable().comment('Tag of the first image');
    table.text('labels').notNullable().comment('JSON object: the Deployment labels, to find its entities');
    table
      .string('at', 32)
      .notNullable()
      .comment('When the rollout started (its ReplicaSet was created), else when seen');
    table.string('detected_at', 32).notNullable();
    table.boolean('planned').notNullable().defaultTo(false).comment('Entities and change events resolved');
    table.unique(['cluster', 'namespace', 'name', 'revision'], 'infra_rollouts_revision_uniq');
    table.index(['at'], 'infra_rollouts_at_idx');
    table.index(['planned'], 'infra_rollouts_planned_idx');
  });
  await knex.schema.createTable('infra_rollout_entities', table => {
    table.comment('The catalog entities whose workloads a rollout changed');
    table.integer('rollout_id').notNullable().references('id').inTable('infra_rollouts').onDelete('CASCADE');
    table.string('entity_ref', 255).notNullable();
    table.primary(['rollout_id', 'entity_ref'], 'infra_rollout_entities_pk');
    table.index(['entity_ref'], 'infra_rollout_entities_ref_idx');
  });
  await knex.schema.createTable('infra_change_events', table => {
    table.comment('One PagerDuty change event per rollout and PagerDuty service, and how sending it went');
    table.integer('rollout_id').notNullable().references('id').inTable('infra_rollouts').onDelete('CASCADE');
    table.string('service_id', 64).notNullable().comment('PagerDuty service id');
    table.string('status', 16).notNullable().comment('pending, sent or failed');
    table.integer('attempts').notNullable().defaultTo(0).comment('Sends tried (each may have retried 429/5xx)');
    table.text('last_error').nullable();
    table.string('claimed_until', 32).nullable().comment('A replica is sending it until then');
    table.string('next_attempt_at', 32).nullable();
    table.string('sent_at', 32).nullable();
    table.primary(['rollout_id', 'service_id'], 'infra_change_events_pk');
    table.index(['status', 'next_attempt_at'], 'infra_change_events_due_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('infra_change_events');
  await knex.schema.dropTable('infra_rollout_entities');
  await knex.schema.dropTable('infra_rollouts');
  await knex.schema.dropTable('infra_deployment_revisions');
};
