/**
 * The Peppol inbox on the device: the workspace's receiving key, pulling and opening what the
 * relay sealed at intake, and the user's status of each received document.
 */
import type { BillfoldDb } from '$lib/storage';
import { purchaseStatusStore } from './document-status';
import { receivingKeyStore } from './receiving-key';

export {
	checkReceived,
	pullInbox,
	readInboxCursor,
	type PullOptions,
	type PullReport
} from './inbox-pull';
export {
	allPurchaseStatuses,
	PURCHASE_STATUSES,
	purchaseStatusRecordSchema,
	purchaseStatusStore,
	type PurchaseStatus,
	type PurchaseStatusRecord
} from './document-status';
export {
	ensureReceivingKey,
	RECEIVING_KEY_ID,
	ReceivingKeyError,
	receivingKeyStore,
	unwrapReceivingKey,
	type ReceivingKeys,
	type ReceivingKeyState
} from './receiving-key';
export { purchaseSearchText, purchaseSummary } from './document-summary';
export type * from './purchase-document';

/** Registers the inbox's synced tables, so records from other devices land before any page opens. */
export function registerInboxProjections(db: BillfoldDb): void {
	receivingKeyStore(db);
	purchaseStatusStore(db);
}
export { watchInbox, watchReceivingKey } from './inbox-watch';
export { payInstruction, type PayInstruction } from './pay-instruction';
export { accountantPurchases } from './accountant-purchases';
export {
	filterPurchases,
	purchaseListRows,
	purchasesCsv,
	purchaseTotals,
	type PurchaseFilter,
	type PurchaseListRow,
	type PurchaseTotals
} from './inbox-list';
export { readPurchaseList, writePurchaseListCache, type PurchaseList } from './inbox-list-cache';
export {
	generateReceivingKeyPair,
	openSealedDocument,
	SealedDocumentError
} from './sealed-document';
