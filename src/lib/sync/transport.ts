import type { EnvelopeKind } from './envelope';

/**
 * What the sync engine needs from a relay. The HTTP/WebSocket client implements it against the
 * real relay; unit tests use an in-memory stand-in.
 */
export interface PushRow {
	/** Idempotency key: pushing the same client id again returns the first sequence number. */
	clientId: string;
	docId: string;
	envelope: Uint8Array;
}

export interface PushAck {
	clientId: string;
	seq: number;
}

export interface LogRow {
	seq: number;
	docId: string;
	clientId: string;
	kind: EnvelopeKind;
	envelope: Uint8Array;
}

export interface PullPage {
	rows: LogRow[];
	/** The workspace's latest sequence number when the page was read. */
	head: number;
}

export interface SnapshotUpload {
	clientId: string;
	docId: string;
	/** The snapshot holds every row of the doc up to and including this sequence number. */
	upToSeq: number;
	envelope: Uint8Array;
}

export interface IssueNumberRequest {
	invoiceId: string;
	seriesId: string;
	issueDate: string;
}

export interface IssuedNumber {
	sequence: number;
	issueDate: string;
}

export interface SeriesSeed {
	seriesId: string;
	lastNumber: number;
	lastIssueDate: string | null;
}

export interface SyncTransport {
	push(rows: readonly PushRow[]): Promise<PushAck[]>;
	pull(after: number, limit: number): Promise<PullPage>;
	/** Stores the snapshot as a new row and drops the doc's rows up to `upToSeq`. */
	compact(snapshot: SnapshotUpload): Promise<{ seq: number; removed: number }>;
	/** Calls `onPoke` whenever the relay has new rows; returns the unsubscribe. */
	watch(onPoke: (head: number) => void): () => void;
	issueNumber(request: IssueNumberRequest): Promise<IssuedNumber>;
	seedSeries(seed: SeriesSeed): Promise<'seeded' | 'in-use'>;
}

export type TransportFailure = 'offline' | 'unauthorized' | 'forbidden' | 'rejected' | 'server';

export class TransportError extends Error {
	constructor(
		readonly failure: TransportFailure,
		message: string,
		/** The HTTP status, when the relay answered. */
		readonly status?: number
	) {
		super(message);
		this.name = 'TransportError';
	}
}

export function isOffline(error: unknown): boolean {
	return error instanceof TransportError && error.failure === 'offline';
}
