import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Store } from '../store/database.js';
import type { ChosenStatus, PresenceRecord, ShownStatus } from './presence-rules.js';
import type { PresenceStore } from './presence-service.js';

export interface PresenceTable {
  person_id: string;
  /** What the person chose (presence-rules.ts ChosenStatus). */
  status: ChosenStatus;
  /** What others were last told (ShownStatus). */
  shown: ShownStatus;
  /** ms since the epoch: since when `shown` holds. */
  since: number;
  /** ms since the epoch: when a live channel of theirs was last known open; null if never. */
  last_seen: number | null;
}

/** Whose presence changes each user receives (kept across restarts). */
export interface PresenceSubscriptionsTable {
  subscriber_id: string;
  target_id: string;
}

export const presenceMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('presence')
      .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('shown', 'text', (c) => c.notNull())
      .addColumn('since', 'bigint', (c) => c.notNull())
      .addColumn('last_seen', 'bigint')
      .execute();
    // Start-up looks for everyone not shown offline.
    await db.schema.createIndex('presence_shown').on('presence').column('shown').execute();
    await db.schema
      .createTable('presence_subscriptions')
      .addColumn('subscriber_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
      .addColumn('target_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('presence_subscriptions_pk', ['subscriber_id', 'target_id'])
      .execute();
    // Fan-out: who watches this person.
    await db.schema.createIndex('presence_subscriptions_target').on('presence_subscriptions').columns(['target_id', 'subscriber_id']).execute();
  },
};

type PresenceDb = Kysely<{
  presence: PresenceTable;
  presence_subscriptions: PresenceSubscriptionsTable;
  people: { id: string; org: string; disabled_at: string | null };
}>;

const chunkSize = 200;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += chunkSize) out.push(items.slice(start, start + chunkSize));
  return out;
}

const toRecord = (row: PresenceTable): PresenceRecord => ({
  personId: row.person_id,
  chosen: row.status,
  shown: row.shown,
  since: Number(row.since),
  lastSeen: row.last_seen === null ? null : Number(row.last_seen),
});

export class SqlPresenceStore implements PresenceStore {
  constructor(private readonly store: Pick<Store, 'db'>) {}

  private get db(): PresenceDb {
    return this.store.db as unknown as PresenceDb;
  }

  /** Of these ids, those of enabled people of `org`, in the order given (others are unknown). */
  async knownInOrg(org: string, personIds: readonly string[]): Promise<string[]> {
    const found = new Set<string>();
    for (const chunk of chunks([...new Set(personIds)])) {
      if (chunk.length === 0) continue;
      const rows = await this.db.selectFrom('people').select('id').where('org', '=', org).where('disabled_at', 'is', null).where('id', 'in', chunk).execute();
      for (const row of rows) found.add(row.id);
    }
    return [...new Set(personIds)].filter((id) => found.has(id));
  }

  async get(personIds: readonly string[]): Promise<Map<string, PresenceRecord>> {
    const out = new Map<string, PresenceRecord>();
    for (const chunk of chunks(personIds)) {
      const rows = await this.db.selectFrom('presence').selectAll().where('person_id', 'in', chunk).execute();
      for (const row of rows) out.set(row.person_id, toRecord(row));
    }
    return out;
  }

  async put(record: PresenceRecord): Promise<void> {
    const values = { status: record.chosen, shown: record.shown, since: record.since, last_seen: record.lastSeen };
    await this.db
      .insertInto('presence')
      .values({ person_id: record.personId, ...values })
      .onConflict((conflict) => conflict.column('person_id').doUpdateSet(values))
      .execute();
  }

  async notOffline(): Promise<PresenceRecord[]> {
    return (await this.db.selectFrom('presence').selectAll().where('shown', '!=', 'offline').execute()).map(toRecord);
  }

  async touch(personIds: readonly string[], at: number): Promise<void> {
    for (const chunk of chunks(personIds)) {
      await this.db.updateTable('presence').set({ last_seen: at }).where('person_id', 'in', chunk).execute();
    }
  }

  async subscribersOf(personId: string): Promise<string[]> {
    return (await this.db.selectFrom('presence_subscriptions').select('subscriber_id').where('target_id', '=', personId).execute()).map((row) => row.subscriber_id);
  }

  async replaceSubscriptions(subscriberId: string, targetIds: readonly string[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('presence_subscriptions').where('subscriber_id', '=', subscriberId).execute();
      for (const chunk of chunks([...new Set(targetIds)])) {
        await trx.insertInto('presence_subscriptions').values(chunk.map((target_id) => ({ subscriber_id: subscriberId, target_id }))).execute();
      }
    });
  }
}
