import type { RowMeta } from './records';

/**
 * The Peppol inbox's rows. A received document is pulled and opened by every device itself
 * (purchases, purchaseFiles: local); what the user decides about it (purchaseStates) and the
 * receiving key (receivingKeys) are synced records.
 */

/** What the list shows and searches, taken from the parsed document once, when it arrives. */
export interface PurchaseSummary {
	kind: 'invoice' | 'credit-note';
	number: string;
	supplierName: string;
	supplierVat: string | null;
	issueDate: string;
	dueDate: string | null;
	currency: string;
	/** BT-115 as written (a decimal string), and in cents for totals. */
	payable: string;
	payableCents: number;
	/** BG-3: the invoice numbers a credit note corrects. */
	corrects: string[];
}

export interface PurchaseRow {
	/** The relay's document id: the idempotency key of the pull. */
	id: string;
	seq: number;
	provider: string;
	sender: string | null;
	receivedAt: string;
	sizeBytes: number;
	/** read: parsed; unreadable: opened but not a readable UBL document; refused: the relay kept no content. */
	state: 'read' | 'unreadable' | 'refused';
	summary: PurchaseSummary | null;
	/** Why it could not be read or was refused (English, from the parser or the relay). */
	problem: string | null;
	/** How many official-rules findings it has (the findings sit beside the bytes); null: not checked. */
	findingCounts: { fatal: number; warnings: number } | null;
	/** For the search box: supplier, number and VAT number in lower case. */
	text: string;
}

/** The opened UBL exactly as received, and the official rules' findings on it. */
export interface PurchaseFileRow {
	id: string;
	bytes: Uint8Array;
	/** Finding objects of the official rules (fatal first); null when they could not run. */
	findings: unknown[] | null;
}

/** The user's status of a received document, synced (the relay never sees it). */
export interface PurchaseStateRow extends RowMeta {
	data: unknown;
}

/** The workspace's receiving key: the private half wrapped by the workspace data key, synced. */
export interface ReceivingKeyRow extends RowMeta {
	data: unknown;
}
