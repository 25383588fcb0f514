import type { PostgresDatabase, Sql } from './postgres-database.js';
import { num, str, toLogRow, type Row } from './row-mapping.js';
import type { AppendOutcome, CompactOutcome, SyncLogStore } from './sync-log-store.js';

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
		deviceId: string,
		at: number,
		kind: 'update' | 'snapshot',
		rows: { seq: number; docId: string; clientId: string; envelope: Buffer }[]
	): Promise<void> => {
		if (rows.length === 0) return;
		await sql.query(
			`INSERT INTO sync_log (workspace_id, seq, doc_id, client_id, kind, envelope, device_id, created_at)
			 SELECT $1, seq, doc_id, client_id, $2, envelope, $3, $4
			 FROM unnest($5::bigint[], $6::text[], $7::text[], $8::bytea[]) AS r(seq, doc_id, client_id, envelope)`,
			[
				workspaceId,
				kind,
				deviceId,
				at,
				rows.map((r) => r.seq),
				rows.map((r) => r.docId),
				rows.map((r) => r.clientId),
				rows.map((r) => r.envelope)
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

	return {
		append: (workspaceId, deviceId, rows, at) =>
			transaction(async (sql): Promise<AppendOutcome> => {
				let head = await lockHead(sql, workspaceId);
				const known = await knownClientIds(
					sql,
					workspaceId,
					rows.map((r) => r.clientId)
				);
				const fresh: { seq: number; docId: string; clientId: string; envelope: Buffer }[] = [];
				const acks = rows.map((row) => {
					const existing = known.get(row.clientId);
					if (existing !== undefined) return { clientId: row.clientId, seq: existing };
					head += 1;
					known.set(row.clientId, head);
					fresh.push({
						seq: head,
						docId: row.docId,
						clientId: row.clientId,
						envelope: row.envelope
					});
					return { clientId: row.clientId, seq: head };
				});
				await insertRows(sql, workspaceId, deviceId, at, 'update', fresh);
				if (fresh.length > 0) await setHead(sql, workspaceId, head);
				return { acks, head, appended: fresh.length };
			}),
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
				await insertRows(sql, workspaceId, deviceId, at, 'snapshot', [
					{ seq, docId: snapshot.docId, clientId: snapshot.clientId, envelope: snapshot.envelope }
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
