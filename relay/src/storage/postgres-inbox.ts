import type { InboxStore } from './inbox.js';
import type { PostgresDatabase } from './postgres-database.js';
import { INBOX_COLUMNS, toInboxDocument, type Row } from './row-mapping.js';

/**
 * The sealed inbox on PostgreSQL (migration 3). seq comes from a sequence, so two processes
 * storing documents of one workspace at once may commit out of seq order; a device pulling
 * "after n" could then skip the later-committed lower seq. Storing therefore locks the
 * workspace's key row, which serialises a workspace's inserts in seq order across processes.
 */
export function createPostgresInbox({ pool, transaction }: PostgresDatabase): InboxStore {
	const byProvider = async (
		sql: Pick<PostgresDatabase['pool'], 'query'>,
		workspaceId: string,
		providerId: string,
		providerDocumentId: string
	) => {
		const row = (
			await sql.query<Row>(
				`SELECT ${INBOX_COLUMNS} FROM inbox_documents
				 WHERE workspace_id = $1 AND provider = $2 AND provider_document_id = $3`,
				[workspaceId, providerId, providerDocumentId]
			)
		).rows[0];
		return row === undefined ? undefined : toInboxDocument(row);
	};
	return {
		getKey: async (workspaceId) => {
			const row = (
				await pool.query<Row>(
					'SELECT public_key, updated_at FROM inbox_keys WHERE workspace_id = $1',
					[workspaceId]
				)
			).rows[0];
			return row === undefined
				? undefined
				: { publicKey: row['public_key'] as Buffer, updatedAt: Number(row['updated_at']) };
		},
		putKey: async (workspaceId, publicKey, at) => {
			await pool.query(
				`INSERT INTO inbox_keys (workspace_id, public_key, updated_at) VALUES ($1, $2, $3)
				 ON CONFLICT (workspace_id) DO UPDATE SET public_key = excluded.public_key,
				   updated_at = excluded.updated_at`,
				[workspaceId, publicKey, at]
			);
		},
		intakeWorkspaces: async () =>
			(
				await pool.query<Row>(
					`SELECT k.workspace_id FROM inbox_keys k
					 JOIN peppol_connections c ON c.workspace_id = k.workspace_id ORDER BY k.workspace_id`
				)
			).rows.map((r) => String(r['workspace_id'])),
		findByProviderId: (workspaceId, providerId, providerDocumentId) =>
			byProvider(pool, workspaceId, providerId, providerDocumentId),
		add: (d) =>
			transaction(async (sql) => {
				await sql.query('SELECT 1 FROM inbox_keys WHERE workspace_id = $1 FOR UPDATE', [
					d.workspaceId
				]);
				const inserted = await sql.query(
					`INSERT INTO inbox_documents (id, workspace_id, provider, provider_document_id,
					   document_type, sender, received_at, state, refusal, size_bytes, sealed, stored_at)
					 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
					 ON CONFLICT (workspace_id, provider, provider_document_id) DO NOTHING`,
					[
						d.id,
						d.workspaceId,
						d.providerId,
						d.providerDocumentId,
						d.documentType,
						d.sender,
						d.receivedAt,
						d.state,
						d.refusal,
						d.sizeBytes,
						d.sealed,
						d.storedAt
					]
				);
				const record = await byProvider(sql, d.workspaceId, d.providerId, d.providerDocumentId);
				if (record === undefined) throw new Error('storage: the inbox document vanished');
				return { record, created: (inserted.rowCount ?? 0) > 0 };
			}),
		markAcknowledged: async (workspaceId, id, at) => {
			await pool.query(
				`UPDATE inbox_documents SET acknowledged_at = $1
				 WHERE workspace_id = $2 AND id = $3 AND acknowledged_at IS NULL`,
				[at, workspaceId, id]
			);
		},
		list: async (workspaceId, after, limit) => {
			const documents = (
				await pool.query<Row>(
					`SELECT ${INBOX_COLUMNS} FROM inbox_documents
					 WHERE workspace_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
					[workspaceId, after, limit]
				)
			).rows.map(toInboxDocument);
			return { documents, cursor: documents.at(-1)?.seq ?? after };
		},
		get: async (workspaceId, id) => {
			const row = (
				await pool.query<Row>(
					`SELECT ${INBOX_COLUMNS} FROM inbox_documents WHERE workspace_id = $1 AND id = $2`,
					[workspaceId, id]
				)
			).rows[0];
			return row === undefined ? undefined : toInboxDocument(row);
		},
		sealed: async (workspaceId, id) => {
			const row = (
				await pool.query<Row>(
					`SELECT sealed FROM inbox_documents
					 WHERE workspace_id = $1 AND id = $2 AND sealed IS NOT NULL`,
					[workspaceId, id]
				)
			).rows[0];
			return row === undefined ? undefined : (row['sealed'] as Buffer);
		}
	};
}
