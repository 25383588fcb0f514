import type { PostgresDatabase, Sql } from './postgres-database.js';
import { num, str, toLogRow, type Row } from './row-mapping.js';
import type {
	AppendOutcome,
	CompactOutcome,
	SyncAppendRequest,
	SyncLogStore
} from './sync-log-store.js';

interface FreshRow {
	seq: number;
	docId: string;
	clientId: string;
	envelope: Buffer;
	deviceId: string;
}

/**
 * The sync log on PostgreSQL. An append or compaction locks the workspace's head row
 * (FOR UPDATE) for its transaction, so sequence numbers stay gap-free and in commit order across
 * processes, and a compaction cannot interleave with a push. A pull reads rows and head from one
 * snapshot (REPEATABLE READ).
 */
export function createPostgresSyncLog({ pool, transaction }: PostgresDatabase): SyncLogStore {
	const lockHead = async (sql: Sql, workspaceId: string): Promise<number> => {
		await sql.query(
			'INSERT INTO sync_heads (workspace_id, head) VALUES ($1, 0) ON CONFLICT (workspace_id) DO NOTHING',
			[workspaceId]
		);
		const row = (
			await sql.query<Row>('SELECT head FROM sync_heads WHERE workspace_id = $1 FOR UPDATE', [
				workspaceId
			])
		).rows[0];
		return row === undefined ? 0 : num(row, 'head');
	};
	const headOf = async (sql: Sql, workspaceId: string): Promise<number> => {
		const row = (
			await sql.query<Row>('SELECT head FROM sync_heads WHERE workspace_id = $1', [workspaceId])
		).rows[0];
		return row === undefined ? 0 : num(row, 'head');
	};
	const knownClientIds = async (
		sql: Sql,
		workspaceId: string,
		clientIds: string[]
	): Promise<Map<string, number>> => {
		const { rows } = await sql.query<Row>(
			'SELECT client_id, seq FROM sync_client_ids WHERE workspace_id = $1 AND client_id = ANY($2::text[])',
			[workspaceId, clientIds]
		);
		return new Map(rows.map((row) => [str(row, 'client_id'), num(row, 'seq')]));
	};
	const insertRows = async (
		sql: Sql,
		workspaceId: string,
		at: number,
		kind: 'update' | 'snapshot',
		rows: FreshRow[]
	): Promise<void> => {
		if (rows.length === 0) return;
		await sql.query(
			`INSERT INTO sync_log (workspace_id, seq, doc_id, client_id, kind, envelope, device_id, created_at)
			 SELECT $1, seq, doc_id, client_id, $2, envelope, device_id, $3
			 FROM unnest($4::bigint[], $5::text[], $6::text[], $7::bytea[], $8::text[])
			   AS r(seq, doc_id, client_id, envelope, device_id)`,
			[
				workspaceId,
				kind,
				at,
				rows.map((r) => r.seq),
				rows.map((r) => r.docId),
				rows.map((r) => r.clientId),
				rows.map((r) => r.envelope),
				rows.map((r) => r.deviceId)
			]
		);
		await sql.query(
			`INSERT INTO sync_client_ids (workspace_id, client_id, seq)
			 SELECT $1, client_id, seq FROM unnest($2::text[], $3::bigint[]) AS r(client_id, seq)`,
			[workspaceId, rows.map((r) => r.clientId), rows.map((r) => r.seq)]
		);
	};
	const setHead = (sql: Sql, workspaceId: string, head: number) =>
		sql.query('UPDATE sync_heads SET head = $2 WHERE workspace_id = $1', [workspaceId, head]);

	/**
	 * The workspaces' head rows are locked in id order, so two groups that share workspaces cannot
	 * deadlock; then each push takes its sequence numbers in turn, as one `append` would.
	 */
	const appendMany = (
		requests: readonly SyncAppendRequest[],
		at: number
	): Promise<AppendOutcome[]> =>
		transaction(async (sql) => {
			const workspaces = [...new Set(requests.map((r) => r.workspaceId))].sort();
			const heads = new Map<string, number>();
			const known = new Map<string, Map<string, number>>();
			for (const workspaceId of workspaces) {
				heads.set(workspaceId, await lockHead(sql, workspaceId));
				const clientIds = requests
					.filter((r) => r.workspaceId === workspaceId)
					.flatMap((r) => r.rows.map((row) => row.clientId));
				known.set(workspaceId, await knownClientIds(sql, workspaceId, clientIds));
			}
			const fresh = new Map<string, FreshRow[]>(workspaces.map((id) => [id, []]));
			const outcomes = requests.map((request): AppendOutcome => {
				const seen = known.get(request.workspaceId) ?? new Map<string, number>();
				const added = fresh.get(request.workspaceId) ?? [];
				let head = heads.get(request.workspaceId) ?? 0;
				let appended = 0;
				const acks = request.rows.map((row) => {
					const existing = seen.get(row.clientId);
					if (existing !== undefined) return { clientId: row.clientId, seq: existing };
					head += 1;
					appended += 1;
					seen.set(row.clientId, head);
					added.push({ ...row, seq: head, deviceId: request.deviceId });
					return { clientId: row.clientId, seq: head };
				});
				heads.set(request.workspaceId, head);
				return { acks, head, appended };
			});
			for (const workspaceId of workspaces) {
				const rows = fresh.get(workspaceId) ?? [];
				if (rows.length === 0) continue;
				await insertRows(sql, workspaceId, at, 'update', rows);
				await setHead(sql, workspaceId, heads.get(workspaceId) ?? 0);
			}
			return outcomes;
		});

	return {
		append: async (workspaceId, deviceId, rows, at) => {
			const [outcome] = await appendMany([{ workspaceId, deviceId, rows }], at);
			if (outcome === undefined) throw new Error('sync log: no outcome for the append');
			return outcome;
		},
		appendMany,
		pull: (workspaceId, after, limit) =>
			transaction(
				async (sql) => {
					const { rows } = await sql.query<Row>(
						'SELECT seq, doc_id, client_id, kind, envelope FROM sync_log WHERE workspace_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
						[workspaceId, after, limit]
					);
					return { rows: rows.map(toLogRow), head: await headOf(sql, workspaceId) };
				},
				{ isolation: 'REPEATABLE READ', readOnly: true }
			),
		compact: (workspaceId, deviceId, snapshot, at) =>
			transaction(async (sql): Promise<CompactOutcome> => {
				const head = await lockHead(sql, workspaceId);
				const existing = (await knownClientIds(sql, workspaceId, [snapshot.clientId])).get(
					snapshot.clientId
				);
				if (existing !== undefined) return { kind: 'replayed', seq: existing, removed: 0, head };
				if (snapshot.upToSeq > head) return { kind: 'beyond-head', head };
				const removed =
					(
						await sql.query(
							'DELETE FROM sync_log WHERE workspace_id = $1 AND doc_id = $2 AND seq <= $3',
							[workspaceId, snapshot.docId, snapshot.upToSeq]
						)
					).rowCount ?? 0;
				const seq = head + 1;
				await insertRows(sql, workspaceId, at, 'snapshot', [
					{
						seq,
						docId: snapshot.docId,
						clientId: snapshot.clientId,
						envelope: snapshot.envelope,
						deviceId
					}
				]);
				await setHead(sql, workspaceId, seq);
				return { kind: 'compacted', seq, removed, head: seq };
			}),
		head: (workspaceId) => headOf(pool, workspaceId),
		putKeyWrap: async (workspaceId, wrapped, at) => {
			await pool.query(
				`INSERT INTO sync_key_wraps (workspace_id, wrapped, updated_at) VALUES ($1, $2, $3)
				 ON CONFLICT (workspace_id) DO UPDATE SET wrapped = excluded.wrapped, updated_at = excluded.updated_at`,
				[workspaceId, wrapped, at]
			);
		},
		getKeyWrap: async (workspaceId) => {
			const row = (
				await pool.query<Row>('SELECT wrapped FROM sync_key_wraps WHERE workspace_id = $1', [
					workspaceId
				])
			).rows[0];
			return row === undefined ? undefined : str(row, 'wrapped');
		}
	};
}
