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
	/** Stores the key only if the workspace has none, atomically; false when one was there. */
	addKeyIfAbsent(workspaceId: string, publicKey: Buffer, at: Epoch): Promise<boolean>;
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
	/**
	 * Records that a device holds every document up to `after` (it asks for the ones after it), so
	 * retention may delete them. Never moves a device's cursor back, nor past the workspace's
	 * newest stored document (a device asking after a seq that does not exist yet learns nothing).
	 */
	recordCursor(workspaceId: string, deviceId: string, after: number, at: Epoch): Promise<void>;
	/**
	 * Deletes (physically, once reclaimDeletedSpace runs) at most `limit` acknowledged documents
	 * that every active device of their workspace has pulled past, or that were stored before
	 * `storedBefore` whoever pulled them. Revoked devices hold nothing back. Returns what it deleted.
	 */
	purge(storedBefore: Epoch, limit: number): Promise<{ id: string; workspaceId: string }[]>;
	/**
	 * Leases up to `limit` workspaces whose poll is due (a receiving key, their own Peppol
	 * connection, next poll time passed, no live lease) to this process until now + leaseMs, so
	 * several relay processes poll each workspace once per interval. `failures` counts the polls
	 * that failed in a row (for the backoff).
	 */
	claimPolls(
		now: Epoch,
		leaseMs: number,
		limit: number
	): Promise<{ workspaceId: string; failures: number }[]>;
	/** Keeps the polls this process is still running leased to it. */
	extendPollLeases(workspaceIds: string[], now: Epoch, leaseMs: number): Promise<void>;
	/** Ends this poll's lease and schedules the next one. */
	finishPoll(workspaceId: string, nextPollAt: Epoch, failures: number): Promise<void>;
}
