import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Store } from '../store/database.js';
import type { AppendedEvent, LiveLogLimits, LiveLogStore, StoredEvent } from './event-log.js';

/** One event of one person's log (src/live/event-log.ts). */
export interface LiveEventsTable {
  person_id: string;
  /** The per-person id sent as `id:`. */
  seq: number;
  type: string;
  /** JSON text. */
  data: string;
  /** ms since the epoch (compared as a number when pruning). */
  created_at: number;
}

/** The last id issued to each person: kept even when their events are pruned, so ids never repeat. */
export interface LiveCountersTable {
  person_id: string;
  last_seq: number;
}

export const liveMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('live_counters')
      .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('live_events')
      .addColumn('person_id', 'text', (c) => c.notNull().references('live_counters.person_id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('live_events_pk', ['person_id', 'seq'])
      .execute();
    // The 24-hour prune.
    await db.schema.createIndex('live_events_created_at').on('live_events').column('created_at').execute();
  },
};

type LiveDb = Kysely<{ live_events: LiveEventsTable; live_counters: LiveCountersTable }>;

/** At most this many people per statement (SQLite's bound-parameter limit is far above it). */
const chunkSize = 200;

/** The event log in the service's database; the same rules as MemoryLiveLog. */
export class SqlLiveLog implements LiveLogStore {
  constructor(
    private readonly store: Pick<Store, 'db'>,
    private readonly limits: LiveLogLimits,
  ) {}

  private get db(): LiveDb {
    return this.store.db as unknown as LiveDb;
  }

  async append(personIds: readonly string[], type: string, data: string, now: Date): Promise<AppendedEvent[]> {
    const unique = [...new Set(personIds)];
    const createdAt = now.getTime();
    return this.db.transaction().execute(async (trx) => {
      const appended: AppendedEvent[] = [];
      for (let start = 0; start < unique.length; start += chunkSize) {
        const chunk = unique.slice(start, start + chunkSize);
        const counters = await trx
          .insertInto('live_counters')
          .values(chunk.map((person_id) => ({ person_id, last_seq: 1 })))
          .onConflict((conflict) => conflict.column('person_id').doUpdateSet({ last_seq: (eb) => eb('live_counters.last_seq', '+', 1) }))
          .returning(['person_id', 'last_seq'])
          .execute();
        await trx
          .insertInto('live_events')
          .values(counters.map((row) => ({ person_id: row.person_id, seq: row.last_seq, type, data, created_at: createdAt })))
          .execute();
        // Keep the newest maxEvents of each of these people.
        for (const row of counters) {
          if (row.last_seq > this.limits.maxEvents) {
            await trx.deleteFrom('live_events').where('person_id', '=', row.person_id).where('seq', '<=', row.last_seq - this.limits.maxEvents).execute();
          }
          appended.push({ personId: row.person_id, event: { id: row.last_seq, type, data, createdAt } });
        }
      }
      return appended;
    });
  }

  async after(personId: string, afterId: number, now: Date): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom('live_events')
      .select(['seq', 'type', 'data', 'created_at'])
      .where('person_id', '=', personId)
      .where('seq', '>', afterId)
      .where('created_at', '>=', now.getTime() - this.limits.maxAgeMs)
      .orderBy('seq')
      .limit(this.limits.maxEvents)
      .execute();
    return rows.map((row) => ({ id: Number(row.seq), type: row.type, data: row.data, createdAt: Number(row.created_at) }));
  }

  async newest(personId: string): Promise<number> {
    const row = await this.db.selectFrom('live_counters').select('last_seq').where('person_id', '=', personId).executeTakeFirst();
    return row ? Number(row.last_seq) : 0;
  }

  async prune(now: Date): Promise<number> {
    const result = await this.db.deleteFrom('live_events').where('created_at', '<', now.getTime() - this.limits.maxAgeMs).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
