import type { ProviderId } from '../access-point/access-point.js';
import type { Epoch } from './epoch.js';

/**
 * Received Peppol documents, sealed at intake (relay/README.md "Inbox"). The relay keeps only
 * the sealed bytes and the metadata the provider's listing gave; a refused document keeps its
 * reason and no content at all.
 */
export interface InboxDocumentRecord {
	/** The relay's id, bound into the sealed envelope's associated data. */
	id: string;
	workspaceId: string;
	/** The workspace-ordered cursor devices pull after. */
	seq: number;
	providerId: ProviderId;
	/** The provider's id: deduplicates a document fetched again after a crash. */
	providerDocumentId: string;
	documentType: 'invoice' | 'credit-note' | 'other';
	sender: string | null;
	receivedAt: string | null;
	state: 'sealed' | 'refused';
	refusal: string | null;
	/** Size of the plaintext the provider gave (the sealed copy is 94 bytes more). */
	sizeBytes: number;
	storedAt: Epoch;
	acknowledgedAt: Epoch | null;
}

export type NewInboxDocument = Omit<InboxDocumentRecord, 'seq' | 'acknowledgedAt'> & {
	sealed: Buffer | null;
};

export interface InboxStore {
	/** The workspace's receiving public key (raw uncompressed P-256). */
	getKey(workspaceId: string): Promise<{ publicKey: Buffer; updatedAt: Epoch } | undefined>;
	putKey(workspaceId: string, publicKey: Buffer, at: Epoch): Promise<void>;
	/** Workspaces with both a receiving key and their own Peppol connection: the ones to poll. */
	intakeWorkspaces(): Promise<string[]>;
	findByProviderId(
		workspaceId: string,
		providerId: ProviderId,
		providerDocumentId: string
	): Promise<InboxDocumentRecord | undefined>;
	/** Stores the document unless the provider's id is already there; returns the stored row. */
	add(document: NewInboxDocument): Promise<{ record: InboxDocumentRecord; created: boolean }>;
	markAcknowledged(workspaceId: string, id: string, at: Epoch): Promise<void>;
	list(
		workspaceId: string,
		after: number,
		limit: number
	): Promise<{ documents: InboxDocumentRecord[]; cursor: number }>;
	get(workspaceId: string, id: string): Promise<InboxDocumentRecord | undefined>;
	sealed(workspaceId: string, id: string): Promise<Buffer | undefined>;
}
