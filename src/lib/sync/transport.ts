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

/**
 * What the events socket says about the log. `connected`: from now on every growth is heard of
 * (rows appended while it was down are not: pull). `grew`: the log reached `head`; `rows`, when
 * the relay could carry them, are the newest rows, contiguous and ending at `head`.
 */
export type SyncPoke =
	| { kind: 'connected' }
	| { kind: 'disconnected' }
	| { kind: 'grew'; head: number; rows?: LogRow[] };

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
	/** Tells `onPoke` about the link and every growth of the log; returns the unsubscribe. */
	watch(onPoke: (poke: SyncPoke) => void): () => void;
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
