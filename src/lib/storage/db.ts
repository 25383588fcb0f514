import Dexie, { type EntityTable } from 'dexie';
import type {
	AttachmentRow,
	ContactRow,
	CounterRow,
	DocUpdateRow,
	DraftRow,
	InvoiceRow,
	ItemRow,
	NumberQueueRow,
	OutboxRow,
	PreferenceRow,
	RecurringRow,
	SettingsRow,
	SyncIssueRow,
	DirtyDocRow,
	PendingUpdateRow,
	SyncMetaRow,
	UnprojectedRow
} from './records';
import { uuidv7 } from 'uuidv7';
import { changeCaptureMiddleware } from './change-capture';
import { coalesceCrossTabBroadcast } from './cross-tab-broadcast';
import { closeWhenReplaced } from './replaced-by-newer';
import type { InvoiceSummaryRow } from './invoice-summary';
import type { PackedListRow } from './packed-list-cache';
import type {
	PurchaseFileRow,
	PurchaseRow,
	PurchaseStateRow,
	ReceivingKeyRow
} from './purchase-records';
import type { BankMovementRow } from './bank-movement-store';
import type { ReminderLinkRow } from './reminder-links';
import { tableStampsMiddleware, type TableStampRow } from './table-stamps';

export type BillfoldDb = Dexie & {
	preferences: EntityTable<PreferenceRow, 'key'>;
	settings: EntityTable<SettingsRow, 'id'>;
	contacts: EntityTable<ContactRow, 'id'>;
	items: EntityTable<ItemRow, 'id'>;
	invoices: EntityTable<InvoiceRow, 'id'>;
	attachments: EntityTable<AttachmentRow, 'id'>;
	counters: EntityTable<CounterRow, 'series'>;
	drafts: EntityTable<DraftRow, 'key'>;
	outbox: EntityTable<OutboxRow, 'invoiceId'>;
	docUpdates: EntityTable<DocUpdateRow, 'seq'>;
	pendingUpdates: EntityTable<PendingUpdateRow, 'seq'>;
	invoiceSummaries: EntityTable<InvoiceSummaryRow, 'id'>;
	syncMeta: EntityTable<SyncMetaRow, 'key'>;
	numberQueue: EntityTable<NumberQueueRow, 'order'>;
	syncIssues: EntityTable<SyncIssueRow, 'id'>;
	unprojected: EntityTable<UnprojectedRow, 'docId'>;
	dirtyDocs: EntityTable<DirtyDocRow, 'docId'>;
	/** The packed list caches (the overview's and the purchase list's), despite the name. */
	invoiceOverviewCache: EntityTable<PackedListRow, 'key'>;
	purchases: EntityTable<PurchaseRow, 'id'>;
	purchaseFiles: EntityTable<PurchaseFileRow, 'id'>;
	purchaseStates: EntityTable<PurchaseStateRow, 'id'>;
	receivingKeys: EntityTable<ReceivingKeyRow, 'id'>;
	recurring: EntityTable<RecurringRow, 'id'>;
	bankMovements: EntityTable<BankMovementRow, 'id'>;
	reminderLinks: EntityTable<ReminderLinkRow, 'reminderId'>;
	tableStamps: EntityTable<TableStampRow, 'table'>;
};

export const defaultDbName = 'billfold';

/**
 * The schema is append-only: a new version adds a `db.version(n + 1)` block (with an upgrade
 * function when rows must change), so a device that skipped releases still migrates step by step.
 */
export function openDb(name = defaultDbName): BillfoldDb {
	const db = new Dexie(name) as BillfoldDb;
	db.version(1).stores({
		preferences: '&key',
		settings: '&id',
		contacts: '&id, name, archived, updatedAt',
		items: '&id, name, archived, updatedAt',
		invoices: '&id, status, number, issueDate, contactId, documentType, updatedAt',
		attachments: '&id, ownerId',
		counters: '&series',
		drafts: '&key, updatedAt',
		outbox: '&invoiceId, status',
		docUpdates: '++seq, docId'
	});
	// The overview's compact projection, so 100k invoices list and total without reading records.
	db.version(2).stores({
		invoiceSummaries: '&id, issueDate, number, status, contactId, dueDate, updatedAt'
	});
	// Sync: one doc's rows in order, the relay's idempotency key, a sparse "not yet pushed" index.
	db.version(3)
		.stores({
			docUpdates: '++seq, docId, [docId+seq], &clientId, pending',
			syncMeta: '&key',
			numberQueue: '++order, &invoiceId',
			syncIssues: '++id, docId, detectedAt',
			unprojected: '&docId, table',
			dirtyDocs: '&docId, table'
		})
		.upgrade((tx) =>
			tx
				.table<DocUpdateRow, number>('docUpdates')
				.toCollection()
				.modify((row) => {
					row.clientId ??= uuidv7();
					row.origin ??= 'local';
				})
		);
	// The overview's rows packed into one string: 100k invoices load in one read, not 100k.
	db.version(4).stores({ invoiceOverviewCache: '&key' });
	// Credit notes settle the invoice they correct: the overview rows name it (indexed, so an
	// invoice finds its credit notes). Old rows lack it, so they are dropped and rebuilt from the
	// records on the next refresh, and the packed cache with them.
	db.version(5)
		.stores({
			invoiceSummaries: '&id, issueDate, number, status, contactId, dueDate, updatedAt, correctsId'
		})
		.upgrade(async (tx) => {
			await tx.table('invoiceSummaries').clear();
			await tx.table('invoiceOverviewCache').clear();
		});
	// The Peppol inbox: what each device pulled and opened (purchases, purchaseFiles: local, pulled
	// again by every device), and what the user decided (purchaseStates) and the receiving key
	// (receivingKeys): synced records.
	db.version(6).stores({
		purchases: '&id, seq, issueDate',
		purchaseFiles: '&id',
		purchaseStates: '&id, updatedAt',
		receivingKeys: '&id'
	});
	// Imported bank statement lines, matched or not, so unmatched ones survive a reload, and
	// which invoice a reminder belongs to (so the relay's status of a reminder job finds it).
	db.version(7).stores({
		bankMovements: '&id, statementId, bookingDate',
		reminderLinks: '&reminderId, invoiceId'
	});
	// Recurring invoice templates, a synced record kind; listed by their next due date.
	db.version(9).stores({ recurring: '&id, name, contactId, nextDue, updatedAt' });
	// A stamp per inbox table, rewritten by every write to it (table-stamps.ts): the purchase
	// list's packed cache (kept in invoiceOverviewCache) is true while the stamps are unchanged.
	db.version(11).stores({ tableStamps: '&table' });
	// Indexes nothing queries are dropped: every invoice write (a save, each record a new device
	// pulls) paid for 7 index entries no read used. Kept: what invoice-store, contacts.repo,
	// invoice-summary-read and the overview cache query (contactId, documentType, updatedAt on
	// invoices; issueDate, updatedAt, correctsId on the overview rows).
	db.version(12).stores({
		invoices: '&id, contactId, documentType, updatedAt',
		invoiceSummaries: '&id, issueDate, updatedAt, correctsId'
	});
	// "Not yet acknowledged" moves out of the update rows into markers of their keys
	// (pending-updates.ts): an acknowledgement used to rewrite each whole row to drop `pending`.
	// The `pending` index stays for this step, so it reads only the few rows still pending (not the
	// whole log, 10k-100k rows of 1.6 KB, inside the transaction that blocks the first open),
	// marks them and writes them once more without the property; version 14 drops the index.
	// Dexie runs both steps in the one upgrade transaction.
	db.version(13)
		.stores({
			docUpdates: '++seq, docId, [docId+seq], &clientId, pending',
			pendingUpdates: '&seq'
		})
		.upgrade(async (tx) => {
			const updates = tx.table<DocUpdateRow & { pending?: 1 }, number>('docUpdates');
			const pending = await updates.where('pending').equals(1).toArray();
			if (pending.length === 0) return;
			await tx
				.table<PendingUpdateRow, number>('pendingUpdates')
				.bulkPut(pending.map((row) => ({ seq: row.seq ?? 0 })));
			await updates.bulkPut(pending.map(({ pending: _pending, ...row }) => row));
		});
	db.version(14).stores({ docUpdates: '++seq, docId, [docId+seq], &clientId' });
	// A doc's rows are read through `[docId+seq]` (in local order, which every reader wants), so
	// the plain `docId` index only cost each row written (every save, every row a new device
	// pulls) one more index entry. Dropping an index leaves the rows as they are.
	db.version(15).stores({ docUpdates: '++seq, [docId+seq], &clientId' });
	db.use(changeCaptureMiddleware(db));
	db.use(tableStampsMiddleware);
	closeWhenReplaced(db);
	coalesceCrossTabBroadcast();
	return db;
}

let shared: BillfoldDb | undefined;

/** The app's one database; tests open their own with a fresh name instead. */
export function appDb(): BillfoldDb {
	shared ??= openDb();
	return shared;
}
