import {
	withCheck,
	type PeppolConnectionRecord,
	type PeppolConnectionStore
} from './peppol-connections.js';
import { batchedCalls } from './postgres-batch.js';
import type { PostgresDatabase, Sql } from './postgres-database.js';
import { peppolConnectionColumns, toPeppolConnection, type Row } from './row-mapping.js';

const UPSERT = `INSERT INTO peppol_connections (workspace_id, provider, credentials, hint, company_name, company_ids,
	   registered_ids, last_error, checked_at, created_at, updated_at)
	 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
	 ON CONFLICT (workspace_id) DO UPDATE SET provider = excluded.provider,
	   credentials = excluded.credentials, hint = excluded.hint, company_name = excluded.company_name,
	   company_ids = excluded.company_ids, registered_ids = excluded.registered_ids,
	   last_error = excluded.last_error, checked_at = excluded.checked_at, updated_at = excluded.updated_at`;

/**
 * Peppol connections on PostgreSQL (migration 2); one row per workspace. A check locks the row,
 * so a check on one process and a reconnect on another cannot interleave their read and write.
 */
export function createPostgresPeppolConnections({
	pool,
	transaction
}: PostgresDatabase): PeppolConnectionStore {
	const put = async (sql: Sql, record: PeppolConnectionRecord): Promise<void> => {
		await sql.query(UPSERT, peppolConnectionColumns(record));
	};
	// Every delivery looks up its workspace's connection: the lookups of a claimed batch (and of
	// the deliveries meanwhile) go as one query (postgres-batch.ts).
	const get = batchedCalls(async (workspaceIds: string[]) => {
		const { rows } = await pool.query<Row>(
			'SELECT * FROM peppol_connections WHERE workspace_id = ANY($1::text[])',
			[[...new Set(workspaceIds)]]
		);
		const found = new Map(rows.map((row) => [row['workspace_id'], toPeppolConnection(row)]));
		return workspaceIds.map((id) => found.get(id));
	});
	return {
		get,
		put: (record) => put(pool, record),
		recordCheck: (workspaceId, check) =>
			transaction(async (sql) => {
				const row = (
					await sql.query<Row>(
						'SELECT * FROM peppol_connections WHERE workspace_id = $1 FOR UPDATE',
						[workspaceId]
					)
				).rows[0];
				if (row === undefined) return undefined;
				const next = withCheck(toPeppolConnection(row), check);
				await put(sql, next);
				return next;
			}),
		remove: async (workspaceId) =>
			((await pool.query('DELETE FROM peppol_connections WHERE workspace_id = $1', [workspaceId]))
				.rowCount ?? 0) > 0
	};
}
