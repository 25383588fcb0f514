import type Database from 'better-sqlite3';
import {
	withCheck,
	type PeppolConnectionCheck,
	type PeppolConnectionRecord,
	type PeppolConnectionStore
} from './peppol-connections.js';
import { peppolConnectionColumns, toPeppolConnection, type Row } from './row-mapping.js';

/** Peppol connections on SQLite (migration 6); one row per workspace. */
export function createSqlitePeppolConnections(db: Database.Database): PeppolConnectionStore {
	const q = {
		get: db.prepare('SELECT * FROM peppol_connections WHERE workspace_id = ?'),
		put: db.prepare(
			`INSERT INTO peppol_connections (workspace_id, provider, credentials, hint, company_name, company_ids,
			   registered_ids, last_error, checked_at, created_at, updated_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			 ON CONFLICT(workspace_id) DO UPDATE SET provider = excluded.provider,
			   credentials = excluded.credentials, hint = excluded.hint, company_name = excluded.company_name,
			   company_ids = excluded.company_ids, registered_ids = excluded.registered_ids,
			   last_error = excluded.last_error, checked_at = excluded.checked_at, updated_at = excluded.updated_at`
		),
		remove: db.prepare('DELETE FROM peppol_connections WHERE workspace_id = ?')
	};
	const get = (workspaceId: string): PeppolConnectionRecord | undefined => {
		const row = q.get.get(workspaceId) as Row | undefined;
		return row === undefined ? undefined : toPeppolConnection(row);
	};
	const put = (record: PeppolConnectionRecord): void => {
		q.put.run(...peppolConnectionColumns(record));
	};
	const recordCheck = db.transaction((workspaceId: string, check: PeppolConnectionCheck) => {
		const current = get(workspaceId);
		if (current === undefined) return undefined;
		const next = withCheck(current, check);
		put(next);
		return next;
	});
	return {
		get: async (workspaceId) => get(workspaceId),
		put: async (record) => put(record),
		recordCheck: async (workspaceId, check) => recordCheck.immediate(workspaceId, check),
		remove: async (workspaceId) => q.remove.run(workspaceId).changes > 0
	};
}
