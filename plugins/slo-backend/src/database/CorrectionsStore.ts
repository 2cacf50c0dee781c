import { timestampToIso } from '@internal/plugin-portal-node';
import { resolvePackagePath, type DatabaseService } from '@backstage/backend-plugin-api';
import type { SloCorrection } from '@internal/plugin-slo-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

const migrationsDir = resolvePackagePath('@internal/plugin-slo-backend', 'migrations');

const TABLE = 'slo_corrections';
/** Longer lists of entities are not sent as an IN list (see `list`). */
const MAX_LISTED_REFS = 50;

interface Row {
  id: string;
  entity_ref: string;
  start_at: Date | string | number;
  end_at: Date | string | number;
  rrule: string | null;
  reason: string;
  author: string;
  created_at: Date | string | number;
}

const toIso = timestampToIso;

function toCorrection(row: Row): SloCorrection {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    start: toIso(row.start_at),
    end: toIso(row.end_at),
    ...(row.rrule ? { rrule: row.rrule } : {}),
    reason: row.reason,
    author: row.author,
    createdAt: toIso(row.created_at),
  };
}

export interface NewCorrection {
  entityRef: string;
  start: Date;
  end: Date;
  rrule?: string;
  reason: string;
  author: string;
}

/** The `slo` plugin's database: SLO corrections. */
export class CorrectionsStore {
  static async create(options: { database: DatabaseService }): Promise<CorrectionsStore> {
    const { database } = options;
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new CorrectionsStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /** Stores a validated correction (one insert: it is stored whole or not at all). */
  async add(input: NewCorrection): Promise<SloCorrection> {
    const row: Row = {
      id: randomUUID(),
      entity_ref: input.entityRef,
      start_at: input.start,
      end_at: input.end,
      rrule: input.rrule ?? null,
      reason: input.reason,
      author: input.author,
      created_at: new Date(),
    };
    await this.db<Row>(TABLE).insert(row);
    return toCorrection(row);
  }

  async get(id: string): Promise<SloCorrection | undefined> {
    const row = await this.db<Row>(TABLE).where({ id }).first();
    return row ? toCorrection(row) : undefined;
  }

  /** Corrections of the given entities (all of them when `entityRefs` is absent), by start. */
  async list(options?: { entityRefs?: string[] }): Promise<SloCorrection[]> {
    const query = this.db<Row>(TABLE)
      .select('*')
      .orderBy([{ column: 'start_at' }, { column: 'id' }]);
    const refs = options?.entityRefs;
    if (refs && !refs.length) return [];
    if (refs && refs.length <= MAX_LISTED_REFS) {
      query.whereIn('entity_ref', refs);
      return (await query).map(toCorrection);
    }
    // A fleet (hundreds of entities): one short statement and a filter here. An IN list of every
    // entity was a new statement to prepare on each fleet read (measured: the fleet route's
    // largest cost after its answer's encoding, on SQLite).
    const wanted = refs && new Set(refs);
    return (await query).filter(row => !wanted || wanted.has(row.entity_ref)).map(toCorrection);
  }

  /** Deletes one correction; false when there was none with this id. */
  async delete(id: string): Promise<boolean> {
    const count = await this.db<Row>(TABLE).where({ id }).delete();
    return count > 0;
  }
}
