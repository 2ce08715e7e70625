import type { ApiKeysTable } from '../auth/api-key-store.js';
import type { PeopleTable, PeopleSearchTermsTable } from '../directory/people-store.js';
import type { LiveCountersTable, LiveEventsTable } from '../live/live-store.js';
import type { PresenceSubscriptionsTable, PresenceTable } from '../presence/presence-store.js';

/**
 * The whole database as Kysely sees it: one member per table. Each capability declares its
 * tables beside its store and adds them here; the tables themselves are made by migrations
 * (src/store/migrations/index.ts).
 */
export interface Database {
  api_keys: ApiKeysTable;
  people: PeopleTable;
  people_search_terms: PeopleSearchTermsTable;
  live_counters: LiveCountersTable;
  live_events: LiveEventsTable;
  presence: PresenceTable;
  presence_subscriptions: PresenceSubscriptionsTable;
}
