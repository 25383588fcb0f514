import type { PeppolDocumentType } from '../peppol/document-types.js';

export interface AccessPointDocument {
	jobId: string;
	invoiceId: string;
	/** The receiver's participant id, e.g. "0208:0123456749". */
	recipient: string;
	documentType: PeppolDocumentType;
	ubl: string;
}

/**
 * A certified Peppol access point that sends on the user's behalf. Implementations throw a
 * DeliveryError: retryable for network faults, timeouts, 408, 429 and 5xx; permanent otherwise.
 */
export interface AccessPoint {
	readonly name: string;
	send(document: AccessPointDocument): Promise<{ messageId: string }>;
}
