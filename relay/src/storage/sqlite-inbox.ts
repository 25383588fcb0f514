import type Database from 'better-sqlite3';
import type { InboxDocumentRecord, InboxStore, NewInboxDocument } from './inbox.js';
import { INBOX_COLUMNS as COLUMNS, toInboxDocument as toRecord, type Row } from './row-mapping.js';

/** The sealed inbox on SQLite (migration 7). */
export function createSqliteInbox(db: Database.Database): InboxStore {
	const q = {
		getKey: db.prepare('SELECT public_key, updated_at FROM inbox_keys WHERE workspace_id = ?'),
		putKey: db.prepare(
			`INSERT INTO inbox_keys (workspace_id, public_key, updated_at) VALUES (?, ?, ?)
			 ON CONFLICT(workspace_id) DO UPDATE SET public_key = excluded.public_key, updated_at = excluded.updated_at`
		),
		intake: db.prepare(
			`SELECT k.workspace_id FROM inbox_keys k
			 JOIN peppol_connections c ON c.workspace_id = k.workspace_id ORDER BY k.workspace_id`
		),
		byProvider: db.prepare(
			`SELECT ${COLUMNS} FROM inbox_documents
			 WHERE workspace_id = ? AND provider = ? AND provider_document_id = ?`
		),
		insert: db.prepare(
			`INSERT INTO inbox_documents (id, workspace_id, provider, provider_document_id, document_type,
			   sender, received_at, state, refusal, size_bytes, sealed, stored_at)
			 VALUES (@id, @workspaceId, @providerId, @providerDocumentId, @documentType, @sender,
			   @receivedAt, @state, @refusal, @sizeBytes, @sealed, @storedAt)
			 ON CONFLICT(workspace_id, provider, provider_document_id) DO NOTHING`
		),
		ack: db.prepare(
			'UPDATE inbox_documents SET acknowledged_at = ? WHERE workspace_id = ? AND id = ? AND acknowledged_at IS NULL'
		),
		list: db.prepare(
			`SELECT ${COLUMNS} FROM inbox_documents WHERE workspace_id = ? AND seq > ? ORDER BY seq LIMIT ?`
		),
		get: db.prepare(`SELECT ${COLUMNS} FROM inbox_documents WHERE workspace_id = ? AND id = ?`),
		sealed: db.prepare(
			'SELECT sealed FROM inbox_documents WHERE workspace_id = ? AND id = ? AND sealed IS NOT NULL'
		)
	};
	const findByProviderId = (
		workspaceId: string,
		providerId: string,
		providerDocumentId: string
	): InboxDocumentRecord | undefined => {
		const row = q.byProvider.get(workspaceId, providerId, providerDocumentId) as Row | undefined;
		return row === undefined ? undefined : toRecord(row);
	};
	const add = db.transaction((d: NewInboxDocument) => {
		const created = q.insert.run({ ...d }).changes > 0;
		const record = findByProviderId(d.workspaceId, d.providerId, d.providerDocumentId);
		if (record === undefined) throw new Error('storage: the inbox document vanished');
		return { record, created };
	});
	return {
		getKey: async (workspaceId) => {
			const row = q.getKey.get(workspaceId) as Row | undefined;
			return row === undefined
				? undefined
				: { publicKey: row['public_key'] as Buffer, updatedAt: Number(row['updated_at']) };
		},
		putKey: async (workspaceId, publicKey, at) => void q.putKey.run(workspaceId, publicKey, at),
		intakeWorkspaces: async () => (q.intake.all() as Row[]).map((r) => String(r['workspace_id'])),
		findByProviderId: async (workspaceId, providerId, providerDocumentId) =>
			findByProviderId(workspaceId, providerId, providerDocumentId),
		add: async (d) => add.immediate(d),
		markAcknowledged: async (workspaceId, id, at) => void q.ack.run(at, workspaceId, id),
		list: async (workspaceId, after, limit) => {
			const documents = (q.list.all(workspaceId, after, limit) as Row[]).map(toRecord);
			return { documents, cursor: documents.at(-1)?.seq ?? after };
		},
		get: async (workspaceId, id) => {
			const row = q.get.get(workspaceId, id) as Row | undefined;
			return row === undefined ? undefined : toRecord(row);
		},
		sealed: async (workspaceId, id) => {
			const row = q.sealed.get(workspaceId, id) as Row | undefined;
			return row === undefined ? undefined : (row['sealed'] as Buffer);
		}
	};
}
