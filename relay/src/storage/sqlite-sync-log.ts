import type Database from 'better-sqlite3';
import { toLogRow, type Row } from './row-mapping.js';
import type {
	AppendOutcome,
	CompactOutcome,
	SyncAppendRequest,
	SyncAppendRow,
	SyncLogStore
} from './sync-log-store.js';

/** The sync log on SQLite; every write is one BEGIN IMMEDIATE transaction (the write lock). */
export function createSqliteSyncLog(db: Database.Database): SyncLogStore {
	const q = {
		head: db.prepare('SELECT head FROM sync_heads WHERE workspace_id = ?'),
		setHead: db.prepare(
			`INSERT INTO sync_heads (workspace_id, head) VALUES (?, ?)
			 ON CONFLICT(workspace_id) DO UPDATE SET head = excluded.head`
		),
		clientSeq: db.prepare(
			'SELECT seq FROM sync_client_ids WHERE workspace_id = ? AND client_id = ?'
		),
		clientInsert: db.prepare(
			'INSERT INTO sync_client_ids (workspace_id, client_id, seq) VALUES (?, ?, ?)'
		),
		/** Claims a client id for a new row; no change if the id was pushed before (a replay). */
		clientClaim: db.prepare(
			'INSERT INTO sync_client_ids (workspace_id, client_id, seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'
		),
		insert: db.prepare(
			`INSERT INTO sync_log (workspace_id, seq, doc_id, client_id, kind, envelope, device_id, created_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
		),
		after: db.prepare(
			'SELECT seq, doc_id, client_id, kind, envelope FROM sync_log WHERE workspace_id = ? AND seq > ? ORDER BY seq LIMIT ?'
		),
		dropDoc: db.prepare('DELETE FROM sync_log WHERE workspace_id = ? AND doc_id = ? AND seq <= ?'),
		keyWrapPut: db.prepare(
			`INSERT INTO sync_key_wraps (workspace_id, wrapped, updated_at) VALUES (?, ?, ?)
			 ON CONFLICT(workspace_id) DO UPDATE SET wrapped = excluded.wrapped, updated_at = excluded.updated_at`
		),
		keyWrapGet: db.prepare('SELECT wrapped FROM sync_key_wraps WHERE workspace_id = ?')
	};
	const headOf = (workspaceId: string): number => {
		const row = q.head.get(workspaceId) as Row | undefined;
		return row === undefined ? 0 : Number(row['head']);
	};
	const seqOf = (workspaceId: string, clientId: string): number | undefined => {
		const row = q.clientSeq.get(workspaceId, clientId) as Row | undefined;
		return row === undefined ? undefined : Number(row['seq']);
	};

	/**
	 * Pushes inside the caller's transaction; fresh rows take head + 1, head + 2, … Each
	 * workspace's head is read once and written once per call, however many of the pushes are
	 * its own (a group of 32 single-row pushes: 2 statements a row instead of 5).
	 */
	const appendAll = (requests: readonly SyncAppendRequest[], at: number): AppendOutcome[] => {
		const heads = new Map<string, { head: number; changed: boolean }>();
		const outcomes = requests.map(({ workspaceId, deviceId, rows }) => {
			let state = heads.get(workspaceId);
			if (state === undefined) {
				state = { head: headOf(workspaceId), changed: false };
				heads.set(workspaceId, state);
			}
			const current = state;
			let appended = 0;
			const acks = rows.map((row: SyncAppendRow) => {
				// The claim doubles as the replay check: one statement for a fresh row, not two.
				if (q.clientClaim.run(workspaceId, row.clientId, current.head + 1).changes === 0) {
					const existing = seqOf(workspaceId, row.clientId);
					if (existing === undefined) throw new Error('sync log: a claimed client id has no seq');
					return { clientId: row.clientId, seq: existing };
				}
				current.head += 1;
				appended += 1;
				q.insert.run(
					workspaceId,
					current.head,
					row.docId,
					row.clientId,
					'update',
					row.envelope,
					deviceId,
					at
				);
				return { clientId: row.clientId, seq: current.head };
			});
			if (appended > 0) current.changed = true;
			return { acks, head: current.head, appended };
		});
		for (const [workspaceId, state] of heads)
			if (state.changed) q.setHead.run(workspaceId, state.head);
		return outcomes;
	};
	const appendManyTx = db.transaction(appendAll);

	const compactTx = db.transaction(
		(
			workspaceId: string,
			deviceId: string,
			snapshot: { clientId: string; docId: string; envelope: Buffer; upToSeq: number },
			at: number
		): CompactOutcome => {
			const head = headOf(workspaceId);
			const existing = seqOf(workspaceId, snapshot.clientId);
			if (existing !== undefined) return { kind: 'replayed', seq: existing, removed: 0, head };
			if (snapshot.upToSeq > head) return { kind: 'beyond-head', head };
			const removed = q.dropDoc.run(workspaceId, snapshot.docId, snapshot.upToSeq).changes;
			const seq = head + 1;
			q.insert.run(
				workspaceId,
				seq,
				snapshot.docId,
				snapshot.clientId,
				'snapshot',
				snapshot.envelope,
				deviceId,
				at
			);
			q.clientInsert.run(workspaceId, snapshot.clientId, seq);
			q.setHead.run(workspaceId, seq);
			return { kind: 'compacted', seq, removed, head: seq };
		}
	);

	return {
		append: async (workspaceId, deviceId, rows, at) => {
			const [outcome] = appendManyTx.immediate([{ workspaceId, deviceId, rows }], at);
			if (outcome === undefined) throw new Error('sync log: no outcome');
			return outcome;
		},
		appendMany: async (requests, at) => appendManyTx.immediate(requests, at),
		pull: async (workspaceId, after, limit) =>
			db
				.transaction(() => ({
					rows: (q.after.all(workspaceId, after, limit) as Row[]).map(toLogRow),
					head: headOf(workspaceId)
				}))
				.deferred(),
		compact: async (workspaceId, deviceId, snapshot, at) =>
			compactTx.immediate(workspaceId, deviceId, snapshot, at),
		head: async (workspaceId) => headOf(workspaceId),
		putKeyWrap: async (workspaceId, wrapped, at) => {
			q.keyWrapPut.run(workspaceId, wrapped, at);
		},
		getKeyWrap: async (workspaceId) => {
			const row = q.keyWrapGet.get(workspaceId) as Row | undefined;
			return row === undefined ? undefined : String(row['wrapped']);
		}
	};
}
