import type Database from 'better-sqlite3';
import type { InboxDocumentRecord, InboxStore, NewInboxDocument } from './inbox.js';
import { INBOX_COLUMNS as COLUMNS, toInboxDocument as toRecord, type Row } from './row-mapping.js';

/**
 * The sealed inbox on SQLite (migrations 7 and 9). One process owns the database and runs one
 * intake tick at a time, so a claim ignores leases: one left by a killed process must not hold
 * the restarted one back.
 */
export function createSqliteInbox(db: Database.Database): InboxStore {
	const q = {
		getKey: db.prepare('SELECT public_key, updated_at FROM inbox_keys WHERE workspace_id = ?'),
		putKey: db.prepare(
			`INSERT INTO inbox_keys (workspace_id, public_key, updated_at) VALUES (?, ?, ?)
			 ON CONFLICT(workspace_id) DO UPDATE SET public_key = excluded.public_key, updated_at = excluded.updated_at`
		),
		addKey: db.prepare(
			`INSERT INTO inbox_keys (workspace_id, public_key, updated_at) VALUES (?, ?, ?)
			 ON CONFLICT(workspace_id) DO NOTHING`
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
		),
		pollSoon: db.prepare(
			`INSERT INTO inbox_polls (workspace_id, next_poll_at) VALUES (?, 0)
			 ON CONFLICT(workspace_id) DO UPDATE SET next_poll_at = 0, failures = 0`
		),
		cursor: db.prepare(
			`INSERT INTO inbox_cursors (workspace_id, device_id, pulled_seq, updated_at)
			 SELECT @workspaceId, @deviceId, min(@after, newest), @at
			 FROM (SELECT max(seq) AS newest FROM inbox_documents WHERE workspace_id = @workspaceId)
			 WHERE newest IS NOT NULL
			 ON CONFLICT(workspace_id, device_id) DO UPDATE SET pulled_seq = excluded.pulled_seq,
			   updated_at = excluded.updated_at
			 WHERE excluded.pulled_seq > inbox_cursors.pulled_seq`
		),
		purge: db.prepare(
			`DELETE FROM inbox_documents WHERE seq IN (
			   SELECT d.seq FROM inbox_documents d
			   WHERE d.acknowledged_at IS NOT NULL AND (d.stored_at < @storedBefore OR NOT EXISTS (
			     SELECT 1 FROM devices v
			     LEFT JOIN inbox_cursors c ON c.workspace_id = v.workspace_id AND c.device_id = v.id
			     WHERE v.workspace_id = d.workspace_id AND v.revoked_at IS NULL
			       AND coalesce(c.pulled_seq, 0) < d.seq))
			   ORDER BY d.seq LIMIT @limit)
			 RETURNING id, workspace_id`
		),
		claim: db.prepare(
			`UPDATE inbox_polls SET lease_until = @now + @leaseMs WHERE workspace_id IN (
			   SELECT p.workspace_id FROM inbox_polls p
			   JOIN inbox_keys k ON k.workspace_id = p.workspace_id
			   JOIN peppol_connections c ON c.workspace_id = p.workspace_id
			   WHERE p.next_poll_at <= @now
			   ORDER BY p.next_poll_at, p.workspace_id LIMIT @limit)
			 RETURNING workspace_id, failures`
		),
		extend: db.prepare(
			'UPDATE inbox_polls SET lease_until = ? WHERE workspace_id = ? AND lease_until IS NOT NULL'
		),
		finish: db.prepare(
			'UPDATE inbox_polls SET next_poll_at = ?, failures = ?, lease_until = NULL WHERE workspace_id = ?'
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
	// A new or replaced key is polled at once (relay/README.md "Inbox").
	const putKey = db.transaction((workspaceId: string, publicKey: Buffer, at: number) => {
		q.putKey.run(workspaceId, publicKey, at);
		q.pollSoon.run(workspaceId);
	});
	const addKey = db.transaction((workspaceId: string, publicKey: Buffer, at: number) => {
		const added = q.addKey.run(workspaceId, publicKey, at).changes === 1;
		if (added) q.pollSoon.run(workspaceId);
		return added;
	});
	const extend = db.transaction((workspaceIds: string[], until: number) => {
		for (const workspaceId of workspaceIds) q.extend.run(until, workspaceId);
	});
	return {
		getKey: async (workspaceId) => {
			const row = q.getKey.get(workspaceId) as Row | undefined;
			return row === undefined
				? undefined
				: { publicKey: row['public_key'] as Buffer, updatedAt: Number(row['updated_at']) };
		},
		putKey: async (workspaceId, publicKey, at) => putKey.immediate(workspaceId, publicKey, at),
		addKeyIfAbsent: async (workspaceId, publicKey, at) =>
			addKey.immediate(workspaceId, publicKey, at),
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
		},
		recordCursor: async (workspaceId, deviceId, after, at) =>
			void q.cursor.run({ workspaceId, deviceId, after, at }),
		purge: async (storedBefore, limit) =>
			(q.purge.all({ storedBefore, limit }) as Row[]).map((r) => ({
				id: String(r['id']),
				workspaceId: String(r['workspace_id'])
			})),
		claimPolls: async (now, leaseMs, limit) =>
			(q.claim.all({ now, leaseMs, limit }) as Row[]).map((r) => ({
				workspaceId: String(r['workspace_id']),
				failures: Number(r['failures'])
			})),
		extendPollLeases: async (workspaceIds, now, leaseMs) =>
			extend.immediate(workspaceIds, now + leaseMs),
		finishPoll: async (workspaceId, nextPollAt, failures) =>
			void q.finish.run(nextPollAt, failures, workspaceId)
	};
}
