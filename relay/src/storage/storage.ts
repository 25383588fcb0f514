/**
 * The relay's persistence, as whole operations rather than tables, so that each operation can be
 * one transaction in whatever database implements it. Each store has its interface in its own
 * file and one implementation per backend: sqlite-*.ts (the embedded default, one process, write
 * lock by BEGIN IMMEDIATE) and postgres-*.ts (several processes, row locks by SELECT … FOR UPDATE).
 * sqlite-storage.ts and postgres-storage.ts compose them; open-storage.ts picks one. Adding a
 * store: its interface file, one file per backend, one line in each composition, one migration
 * in each backend's migration list.
 */

import type {
	DeviceStore,
	JoinTokenStore,
	OperatorStore,
	WorkspaceStore
} from './device-stores.js';
import type { CompanyLookupCache } from './company-lookup-cache.js';
import type { InboxStore } from './inbox.js';
import type { MailPreviewStore } from './mail-preview-store.js';
import type { NudgeStore } from './nudge-store.js';
import type { OutboxStore } from './outbox-store.js';
import type { PeppolConnectionStore } from './peppol-connections.js';
import type { RateLimitStore } from './rate-limit-store.js';
import type { RelayEventBus } from './relay-events.js';
import type { SequencerStore } from './sequencer-store.js';
import type { SyncLogStore } from './sync-log-store.js';

export type * from './company-lookup-cache.js';
export type * from './device-stores.js';
export type * from './epoch.js';
export type * from './inbox.js';
export type * from './mail-preview-store.js';
export type * from './nudge-store.js';
export type * from './outbox-store.js';
export type * from './peppol-connections.js';
export type * from './rate-limit-store.js';
export type * from './relay-events.js';
export type * from './sequencer-store.js';
export type * from './sync-log-store.js';

/** The tables whose deleted rows held content, an address or a reason (reclaimDeletedSpace). */
export const CONTENT_TABLES = [
	'outbox_content',
	'outbox_jobs',
	'mail_previews',
	'peppol_connections',
	'inbox_documents',
	'nudge_subscriptions',
	'nudge_dues'
] as const;
export type ContentTable = (typeof CONTENT_TABLES)[number];

export interface Storage {
	/** 'sqlite': one process owns the data directory; 'postgres': any number share the database. */
	backend: 'sqlite' | 'postgres';
	operator: OperatorStore;
	workspaces: WorkspaceStore;
	devices: DeviceStore;
	joinTokens: JoinTokenStore;
	sequencer: SequencerStore;
	outbox: OutboxStore;
	mailPreviews: MailPreviewStore;
	syncLog: SyncLogStore;
	peppolConnections: PeppolConnectionStore;
	rateLimits: RateLimitStore;
	events: RelayEventBus;
	inbox: InboxStore;
	nudges: NudgeStore;
	/** VIES answers by VAT number (company lookup). */
	companyLookups: CompanyLookupCache;
	/**
	 * Resolves once every transaction committed before the call is on stable storage. Callers await
	 * it before they acknowledge (201/202, "sent"), so concurrent requests share one flush.
	 */
	durable(): Promise<void>;
	/**
	 * Makes deleted rows unrecoverable from the database's files: on SQLite freed cells and pages
	 * are zeroed as they are deleted, and this moves the WAL into the database file and truncates
	 * it; on PostgreSQL it vacuums `tables` (default: every table that holds content), each under
	 * an exclusive lock while it is rewritten, so a device's request names only its own tables.
	 */
	reclaimDeletedSpace(tables?: readonly ContentTable[]): Promise<void>;
	close(): Promise<void>;
}
