export { appDb, defaultDbName, openDb, type BillfoldDb } from './db';
export { keepBankMovements, keptBankMovements, type BankMovementRow } from './bank-movement-store';
export { invoiceOfReminder, linkReminder, type ReminderLinkRow } from './reminder-links';
export { oldestChangeSince } from './changes-since';
export { discardDraft, readDraft, writeDraft } from './drafts';
export { readStorageReport, requestPersistence, type StorageReport } from './persistence';
export { readPreference, writePreference } from './preferences';
export { RecordStore, type Parser, type RecordStoreOptions } from './record-store';
export type * from './records';
export {
	attachmentsOf,
	copyAttachments,
	deleteAttachment,
	getAttachment,
	putAttachment,
	renderedOwnerId
} from './attachment-store';
export { readCounter, takeNextNumber, type TakenNumber } from './counter-store';
export {
	completeSend,
	countPendingSends,
	enqueueSend,
	pendingSends,
	type OutboxJob
} from './outbox-store';
export {
	addSyncIssues,
	allProjectionRows,
	clearUnprojected,
	countDocRows,
	deleteProjectionRow,
	deleteSyncMeta,
	dismissSyncIssue,
	docIdsWithRows,
	docRows,
	docRowsOfMany,
	listSyncIssues,
	markUnprojected,
	docUpdatesByKeys,
	readProjectionRow,
	readSyncMeta,
	rowsByClientId,
	unprojectedDocs,
	writeProjectionRow,
	writeSyncMeta
} from './doc-log';
export {
	acknowledgeDocUpdates,
	countPendingDocUpdates,
	markDocUpdatesPending,
	pendingAmong,
	pendingDocUpdates
} from './pending-updates';
export {
	onProjectionRegistered,
	projectionFor,
	projectionTables,
	registerProjection,
	type FreezeRule,
	type Projection,
	type ProjectionRank,
	type StoredRow
} from './projections';
export { syncedTables } from './records';
export { SEEDED_COMPLETE, SEEDED_KEY } from './seeded-mark';
export {
	inApplyingTransaction,
	setChangeCapture,
	setSyncOnHint,
	type CaptureContext,
	type ChangeCapture
} from './change-capture';
export {
	bulkPutInvoices,
	countInvoiceSummaries,
	creditNotesOf,
	deleteDraftInvoice,
	getInvoice,
	INVOICE_MUTABLE_FIELDS,
	InvoiceStateError,
	isFrozen,
	issuedInvoices,
	putInvoice,
	refreshInvoiceSummaries,
	updateIssuedInvoice,
	watchInvoice,
	listQuotes,
	watchQuotes
} from './invoice-store';
export {
	listInvoiceSummaries,
	newestInvoiceSummaries,
	summariesBehind,
	watchInvoiceSummaries
} from './invoice-summary-read';
export {
	invoiceSearchKey,
	recordTotalCents,
	summarizeInvoice,
	type InvoiceSummaryRow
} from './invoice-summary';
export { SELLER_PROFILE_ID, SellerRepo, type StoredFile } from './seller.repo';
export { ContactsRepo, type ContactIndexFields } from './contacts.repo';
export { ItemsRepo, type ItemIndexFields } from './items.repo';
export {
	NumberingQueued,
	NumberingService,
	type CounterMove,
	type FreezeWithNumber,
	type IssueRequest,
	type NumberingOutcome,
	type NumberSequencer,
	type SequencedNumber,
	type SequencerRequest
} from './numbering-service';
export {
	readOverviewCache,
	readOverviewTotals,
	writeOverviewCache,
	type InvoiceOverviewCacheRow,
	type OverviewTotals
} from './invoice-overview-cache';
export { RecurringRepo } from './recurring.repo';
