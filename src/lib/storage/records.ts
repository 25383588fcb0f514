/**
 * Row shapes of the Dexie projection tables. Rows carry the schema version of the record they
 * hold so a later release can migrate them lazily.
 */
export interface RowMeta {
	id: string;
	schemaVersion: number;
	createdAt: string;
	updatedAt: string;
}

export interface PreferenceRow {
	key: string;
	value: string;
}

export interface SettingsRow extends RowMeta {
	data: unknown;
}

export interface ContactRow extends RowMeta {
	name: string;
	archived: 0 | 1;
	data: unknown;
}

export interface ItemRow extends RowMeta {
	name: string;
	archived: 0 | 1;
	data: unknown;
}

export interface InvoiceRow extends RowMeta {
	status: string;
	documentType: 'invoice' | 'creditNote' | 'quote';
	number: string | null;
	issueDate: string | null;
	contactId: string | null;
	data: unknown;
}

/** A recurring invoice template (src/lib/recurring); `nextDue` orders the list. */
export interface RecurringRow extends RowMeta {
	name: string;
	contactId: string;
	nextDue: string | null;
	data: unknown;
}

export interface AttachmentRow {
	id: string;
	ownerId: string;
	fileName: string;
	mimeType: string;
	size: number;
	blob: Blob;
}

export interface CounterRow {
	series: string;
	lastNumber: number;
	lastIssueDate: string | null;
}

/** Unsaved form state, kept on every keystroke so nothing typed is lost on a crash or reload. */
export interface DraftRow {
	key: string;
	value: unknown;
	updatedAt: string;
}

export interface OutboxRow {
	invoiceId: string;
	status: string;
	data: unknown;
}

/** The projection tables a record kind lives in; each of their records is one Y.Doc when sync is on. */
export type SyncedTable =
	'settings' | 'contacts' | 'items' | 'invoices' | 'purchaseStates' | 'receivingKeys' | 'recurring';
// Appended only: a table travels as its index in this list (sync/payload.ts).
export const syncedTables: readonly SyncedTable[] = [
	'settings',
	'contacts',
	'items',
	'invoices',
	'purchaseStates',
	'receivingKeys',
	'recurring'
];

/**
 * One Yjs update of one record's doc, written once and never rewritten. A local row is waiting
 * for the relay while `pendingUpdates` holds its key; remote and merged rows carry the relay's
 * sequence number from the start. `clientId` is the idempotency key the relay dedupes pushes by.
 */
export interface DocUpdateRow {
	seq?: number;
	docId: string;
	table: SyncedTable;
	update: Uint8Array;
	clientId: string;
	origin: 'local' | 'remote' | 'merged';
	/**
	 * The relay's sequence number of a remote or merged row. Not stored for a local row
	 * acknowledged since Dexie v13: nothing reads it, and storing it would mean rewriting the
	 * whole row. Local rows acknowledged before v13 still carry it (the upgrade leaves them).
	 */
	remoteSeq?: number;
}

/**
 * A local update row the relay has not acknowledged yet, by its key in `docUpdates`: added in the
 * transaction that adds the row, deleted by the acknowledgement, so acknowledging rewrites nothing.
 */
export interface PendingUpdateRow {
	seq: number;
}

/** Sync bookkeeping by key: cursor, workspace, device, the CryptoKey (structured clone). */
export interface SyncMetaRow {
	key: string;
	value: unknown;
}

/** An invoice saved offline on a synced workspace, waiting for the relay's sequencer. */
export interface NumberQueueRow {
	order?: number;
	invoiceId: string;
	seriesId: string;
	issueDate: string;
	queuedAt: string;
}

/** Something sync could not apply as-is and the user should see. */
export interface SyncIssueRow {
	id?: number;
	docId: string;
	table: SyncedTable;
	kind: 'frozen-edit' | 'unreadable-record';
	fields: string[];
	detail: string;
	detectedAt: string;
}

/** A synced record written while sync was on but before this tab loaded the sync runtime. */
export interface DirtyDocRow {
	docId: string;
	table: SyncedTable;
}

/** A doc whose projection could not be written yet because its table had no registered parser. */
export interface UnprojectedRow {
	docId: string;
	table: SyncedTable;
}
