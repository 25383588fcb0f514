import type { InboxStore } from './inbox.js';
import type { PostgresDatabase } from './postgres-database.js';
import { INBOX_COLUMNS, toInboxDocument, type Row } from './row-mapping.js';

/**
 * The sealed inbox on PostgreSQL (migrations 3 and 5). seq comes from a sequence, so two processes
 * storing documents of one workspace at once may commit out of seq order; a device pulling
 * "after n" could then skip the later-committed lower seq. Storing therefore locks the
 * workspace's key row, which serialises a workspace's inserts in seq order across processes.
 * Polls are leased per workspace (claimPolls: FOR UPDATE SKIP LOCKED, like the outbox's claim),
 * so several processes poll each workspace's access point once per interval.
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
	// A new or replaced key is polled at once (relay/README.md "Inbox").
	const pollSoon = async (sql: Pick<PostgresDatabase['pool'], 'query'>, workspaceId: string) => {
		await sql.query(
			`INSERT INTO inbox_polls (workspace_id, next_poll_at) VALUES ($1, 0)
			 ON CONFLICT (workspace_id) DO UPDATE SET next_poll_at = 0, failures = 0`,
			[workspaceId]
		);
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
		putKey: (workspaceId, publicKey, at) =>
			transaction(async (sql) => {
				await sql.query(
					`INSERT INTO inbox_keys (workspace_id, public_key, updated_at) VALUES ($1, $2, $3)
					 ON CONFLICT (workspace_id) DO UPDATE SET public_key = excluded.public_key,
					   updated_at = excluded.updated_at`,
					[workspaceId, publicKey, at]
				);
				await pollSoon(sql, workspaceId);
			}),
		addKeyIfAbsent: (workspaceId, publicKey, at) =>
			transaction(async (sql) => {
				const added =
					(
						await sql.query(
							`INSERT INTO inbox_keys (workspace_id, public_key, updated_at) VALUES ($1, $2, $3)
							 ON CONFLICT (workspace_id) DO NOTHING`,
							[workspaceId, publicKey, at]
						)
					).rowCount === 1;
				if (added) await pollSoon(sql, workspaceId);
				return added;
			}),
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
		},
		recordCursor: async (workspaceId, deviceId, after, at) => {
			await pool.query(
				`INSERT INTO inbox_cursors (workspace_id, device_id, pulled_seq, updated_at)
				 SELECT $1, $2, LEAST($3::bigint, newest), $4
				 FROM (SELECT max(seq) AS newest FROM inbox_documents WHERE workspace_id = $1) m
				 WHERE newest IS NOT NULL
				 ON CONFLICT (workspace_id, device_id) DO UPDATE SET pulled_seq = excluded.pulled_seq,
				   updated_at = excluded.updated_at
				 WHERE excluded.pulled_seq > inbox_cursors.pulled_seq`,
				[workspaceId, deviceId, after, at]
			);
		},
		purge: async (storedBefore, limit) =>
			(
				await pool.query<Row>(
					`DELETE FROM inbox_documents WHERE seq IN (
					   SELECT d.seq FROM inbox_documents d
					   WHERE d.acknowledged_at IS NOT NULL AND (d.stored_at < $1 OR NOT EXISTS (
					     SELECT 1 FROM devices v
					     LEFT JOIN inbox_cursors c ON c.workspace_id = v.workspace_id AND c.device_id = v.id
					     WHERE v.workspace_id = d.workspace_id AND v.revoked_at IS NULL
					       AND coalesce(c.pulled_seq, 0) < d.seq))
					   ORDER BY d.seq LIMIT $2)
					 RETURNING id, workspace_id`,
					[storedBefore, limit]
				)
			).rows.map((r) => ({ id: String(r['id']), workspaceId: String(r['workspace_id']) })),
		claimPolls: async (now, leaseMs, limit) =>
			(
				await pool.query<Row>(
					`WITH due AS (
					   SELECT p.workspace_id FROM inbox_polls p
					   JOIN inbox_keys k ON k.workspace_id = p.workspace_id
					   JOIN peppol_connections c ON c.workspace_id = p.workspace_id
					   WHERE p.next_poll_at <= $1 AND coalesce(p.lease_until, 0) <= $1
					   ORDER BY p.next_poll_at, p.workspace_id
					   LIMIT $3
					   FOR UPDATE OF p SKIP LOCKED
					 )
					 UPDATE inbox_polls p SET lease_until = $1::bigint + $2::bigint
					 FROM due WHERE p.workspace_id = due.workspace_id
					 RETURNING p.workspace_id, p.failures`,
					[now, leaseMs, limit]
				)
			).rows.map((r) => ({
				workspaceId: String(r['workspace_id']),
				failures: Number(r['failures'])
			})),
		extendPollLeases: async (workspaceIds, now, leaseMs) => {
			if (workspaceIds.length === 0) return;
			await pool.query(
				`UPDATE inbox_polls SET lease_until = $2::bigint + $3::bigint
				 WHERE workspace_id = ANY($1::text[]) AND lease_until IS NOT NULL`,
				[workspaceIds, now, leaseMs]
			);
		},
		finishPoll: async (workspaceId, nextPollAt, failures) => {
			await pool.query(
				`UPDATE inbox_polls SET next_poll_at = $2, failures = $3, lease_until = NULL
				 WHERE workspace_id = $1`,
				[workspaceId, nextPollAt, failures]
			);
		}
	};
}
