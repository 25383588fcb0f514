import type { Epoch } from './epoch.js';

export type SyncRowKind = 'update' | 'snapshot';

export interface SyncAppendRow {
	clientId: string;
	docId: string;
	envelope: Buffer;
}

export interface SyncLogRow {
	seq: number;
	docId: string;
	clientId: string;
	kind: SyncRowKind;
	envelope: Buffer;
}

export interface SyncSnapshot extends SyncAppendRow {
	/** The snapshot holds every row of the doc up to and including this sequence number. */
	upToSeq: number;
}

export interface AppendOutcome {
	acks: { clientId: string; seq: number }[];
	head: number;
	appended: number;
}

export type CompactOutcome =
	| { kind: 'compacted' | 'replayed'; seq: number; removed: number; head: number }
	| { kind: 'beyond-head'; head: number };

/**
 * The end-to-end encrypted sync log: an append-only sequence per workspace of envelopes the relay
 * cannot read. Each append is one transaction that locks the workspace's head row, so sequence
 * numbers are gap-free at append time and strictly increasing; a client id that was appended
 * before gets its first sequence number back instead of a new row.
 */
export interface SyncLogStore {
	append(
		workspaceId: string,
		deviceId: string,
		rows: readonly SyncAppendRow[],
		at: Epoch
	): Promise<AppendOutcome>;
	pull(
		workspaceId: string,
		after: number,
		limit: number
	): Promise<{ rows: SyncLogRow[]; head: number }>;
	/** Drops the doc's rows up to `upToSeq` and appends the snapshot as a new row, in one transaction. */
	compact(
		workspaceId: string,
		deviceId: string,
		snapshot: SyncSnapshot,
		at: Epoch
	): Promise<CompactOutcome>;
	head(workspaceId: string): Promise<number>;
	putKeyWrap(workspaceId: string, wrapped: string, at: Epoch): Promise<void>;
	getKeyWrap(workspaceId: string): Promise<string | undefined>;
}
