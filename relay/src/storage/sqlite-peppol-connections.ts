import type Database from 'better-sqlite3';
import { isProviderId } from '../access-point/providers.js';
import type {
	PeppolConnectionError,
	PeppolConnectionRecord,
	PeppolConnectionStore
} from './peppol-connections.js';

type Row = Record<string, unknown>;

const stringList = (value: unknown): string[] => {
	const parsed = JSON.parse(String(value)) as unknown;
	return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
};

function toRecord(row: Row): PeppolConnectionRecord {
	const provider = String(row['provider']);
	if (!isProviderId(provider)) throw new Error(`storage: unknown Peppol provider ${provider}`);
	const nullableNumber = (key: string) => (row[key] === null ? null : Number(row[key]));
	return {
		workspaceId: String(row['workspace_id']),
		providerId: provider,
		sealedCredentials: String(row['credentials']),
		hint: String(row['hint']),
		companyName: row['company_name'] === null ? null : String(row['company_name']),
		companyParticipantIds: stringList(row['company_ids']),
		registeredIds: stringList(row['registered_ids']),
		lastError:
			row['last_error'] === null
				? null
				: (JSON.parse(String(row['last_error'])) as PeppolConnectionError),
		checkedAt: nullableNumber('checked_at'),
		createdAt: Number(row['created_at']),
		updatedAt: Number(row['updated_at'])
	};
}

/** Peppol connections on SQLite (migration 6); one row per workspace. */
export function createSqlitePeppolConnections(db: Database.Database): PeppolConnectionStore {
	const q = {
		get: db.prepare('SELECT * FROM peppol_connections WHERE workspace_id = ?'),
		put: db.prepare(
			`INSERT INTO peppol_connections (workspace_id, provider, credentials, hint, company_name, company_ids,
			   registered_ids, last_error, checked_at, created_at, updated_at)
			 VALUES (@workspaceId, @providerId, @sealedCredentials, @hint, @companyName, @companyIds,
			   @registeredIds, @lastError, @checkedAt, @createdAt, @updatedAt)
			 ON CONFLICT(workspace_id) DO UPDATE SET provider = excluded.provider,
			   credentials = excluded.credentials, hint = excluded.hint, company_name = excluded.company_name,
			   company_ids = excluded.company_ids, registered_ids = excluded.registered_ids,
			   last_error = excluded.last_error, checked_at = excluded.checked_at, updated_at = excluded.updated_at`
		),
		remove: db.prepare('DELETE FROM peppol_connections WHERE workspace_id = ?')
	};
	const get = (workspaceId: string): PeppolConnectionRecord | undefined => {
		const row = q.get.get(workspaceId) as Row | undefined;
		return row === undefined ? undefined : toRecord(row);
	};
	const put = (r: PeppolConnectionRecord): void => {
		q.put.run({
			workspaceId: r.workspaceId,
			providerId: r.providerId,
			sealedCredentials: r.sealedCredentials,
			hint: r.hint,
			companyName: r.companyName,
			companyIds: JSON.stringify(r.companyParticipantIds),
			registeredIds: JSON.stringify(r.registeredIds),
			lastError: r.lastError === null ? null : JSON.stringify(r.lastError),
			checkedAt: r.checkedAt,
			createdAt: r.createdAt,
			updatedAt: r.updatedAt
		});
	};
	const recordCheck = db.transaction(
		(workspaceId: string, check: Parameters<PeppolConnectionStore['recordCheck']>[1]) => {
			const current = get(workspaceId);
			if (current === undefined) return undefined;
			const next: PeppolConnectionRecord = {
				...current,
				companyName: check.companyName === undefined ? current.companyName : check.companyName,
				companyParticipantIds: check.companyParticipantIds ?? current.companyParticipantIds,
				registeredIds: check.registeredIds ?? current.registeredIds,
				lastError: check.lastError,
				checkedAt: check.checkedAt,
				updatedAt: check.checkedAt
			};
			put(next);
			return next;
		}
	);
	return {
		get,
		put,
		recordCheck: (workspaceId, check) => recordCheck.immediate(workspaceId, check),
		remove: (workspaceId) => q.remove.run(workspaceId).changes > 0
	};
}
