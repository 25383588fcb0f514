import type { PeppolDocumentType } from '../peppol/document-types.js';

export type ProviderId = 'letspeppol' | 'recommand';

export interface ProviderRef {
	id: ProviderId;
	name: string;
}

export interface AccessPointDocument {
	/** The outbox job: each provider gets it as its idempotency key where its API takes one. */
	jobId: string;
	invoiceId: string;
	/** cbc:ID of the UBL, our reference at the provider when it has no idempotency key. */
	invoiceNumber: string;
	/** The receiver's participant id, e.g. "0208:0123456749". */
	recipient: string;
	/** The seller's participant id (cbc:EndpointID of the supplier), when the UBL has one. */
	sender: string | null;
	documentType: PeppolDocumentType;
	ubl: string;
	/** 1 for the first try; later tries look the document up before they send it again. */
	attempt: number;
	/** When the job was created (epoch ms): a document found at the provider must be this new. */
	createdAt: number;
}

/** Delivered to the receiver's access point. `messageId` is the AS4 message id where known. */
export interface SendOutcome {
	documentId: string;
	messageId: string | null;
}

export interface ConnectionCheck {
	company: { name: string | null; participantIds: string[] };
}

export interface ReceivedSummary {
	id: string;
	sender: string | null;
	documentType: 'invoice' | 'credit-note' | 'other';
	receivedAt: string | null;
	/**
	 * Set when the listing itself shows the document is larger than the relay reads (at least this
	 * many bytes): the intake refuses it without fetching it.
	 */
	tooLargeBytes?: number;
}

export interface ReceivedDocument extends ReceivedSummary {
	ubl: string;
}

/**
 * A certified Peppol access-point account (architecture §8): one per workspace, or the operator's
 * default. Every method throws an AccessPointError (access-point-error.ts) that says whether a
 * retry can help and carries the provider's own words.
 */
export interface AccessPoint {
	readonly provider: ProviderRef;
	/** Proves the credentials and names the company they belong to. */
	check(): Promise<ConnectionCheck>;
	/**
	 * Sends the UBL and follows it until the receiving access point has it. Safe to call again for
	 * the same job after a lost answer: the document is looked up before it is sent twice.
	 */
	send(document: AccessPointDocument): Promise<SendOutcome>;
	/** Registers the ids for receiving BIS Billing 3.0 invoices and credit notes. */
	register(participantIds: string[], company: { name: string | null }): Promise<void>;
	unregister(participantIds: string[]): Promise<void>;
	/** The participant ids the provider has registered for receiving. */
	registration(): Promise<string[]>;
	/** Received documents not yet acknowledged, oldest first. */
	listReceived(): Promise<ReceivedSummary[]>;
	fetchReceived(id: string): Promise<ReceivedDocument>;
	/** After the relay stored the document durably: the provider may forget it. */
	acknowledgeReceived(id: string): Promise<void>;
}
