import { ownerOnlyRefusal, revocationRefusal } from '../auth/device-policy.js';
import type { DeviceRecord } from './device-stores.js';
import { batchedCalls } from './postgres-batch.js';
import type { PostgresDatabase, Sql } from './postgres-database.js';
import { num, str, toDevice, type Row } from './row-mapping.js';
import type { Storage } from './storage.js';

/**
 * Workspaces, devices, join tokens and the operator's settings on PostgreSQL. Every change the
 * device policy governs locks its workspace's row first (FOR UPDATE), so checks and writes of
 * concurrent requests on any process are serialised per workspace, as BEGIN IMMEDIATE does on
 * SQLite.
 */
export function createPostgresDeviceStores(
	database: PostgresDatabase
): Pick<Storage, 'operator' | 'workspaces' | 'devices' | 'joinTokens'> {
	const { pool, transaction } = database;
	// Every authenticated request looks its token up: the look-ups that arrive while one runs go
	// as one query (postgres-batch.ts). Each reads the table after it arrived, so a revocation
	// committed on any process refuses the device's next request, as a look-up of its own would.
	const findActiveByTokenHash = batchedCalls(async (hashes: string[]) => {
		const { rows } = await pool.query<Row>(
			'SELECT * FROM devices WHERE token_hash = ANY($1::text[]) AND revoked_at IS NULL',
			[hashes]
		);
		const found = new Map(rows.map((row) => [str(row, 'token_hash'), toDevice(row)]));
		return hashes.map((hash) => found.get(hash));
	});
	const one = async (sql: Sql, text: string, values: unknown[]): Promise<Row | undefined> =>
		(await sql.query<Row>(text, values)).rows[0];
	const device = async (sql: Sql, id: string): Promise<DeviceRecord | undefined> => {
		const row = await one(sql, 'SELECT * FROM devices WHERE id = $1', [id]);
		return row === undefined ? undefined : toDevice(row);
	};
	const ownerName = async (sql: Sql, workspaceId: string): Promise<string | null> => {
		const row = await one(
			sql,
			"SELECT name FROM devices WHERE workspace_id = $1 AND role = 'owner' AND revoked_at IS NULL",
			[workspaceId]
		);
		return row === undefined ? null : str(row, 'name');
	};
	const lockWorkspace = (sql: Sql, workspaceId: string) =>
		sql.query('SELECT id FROM workspaces WHERE id = $1 FOR UPDATE', [workspaceId]);
	const withdrawJoinTokens = async (sql: Sql, by: string, at: number): Promise<number> =>
		(
			await sql.query(
				'UPDATE join_tokens SET withdrawn_at = $1 WHERE created_by = $2 AND used_at IS NULL AND withdrawn_at IS NULL',
				[at, by]
			)
		).rowCount ?? 0;
	const insertDevice = (
		sql: Sql,
		d: { id: string; workspaceId: string; name: string; tokenHash: string; createdAt: number },
		role: 'owner' | 'member'
	) =>
		sql.query(
			'INSERT INTO devices (id, workspace_id, name, token_hash, created_at, role) VALUES ($1, $2, $3, $4, $5, $6)',
			[d.id, d.workspaceId, d.name, d.tokenHash, d.createdAt, role]
		);

	return {
		operator: {
			get: async (key) => {
				const row = await one(pool, 'SELECT value FROM operator WHERE key = $1', [key]);
				return row === undefined ? undefined : str(row, 'value');
			},
			set: async (key, value) => {
				await pool.query(
					'INSERT INTO operator (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
					[key, value]
				);
			}
		},
		workspaces: {
			create: (workspace, first) =>
				transaction(async (sql) => {
					await sql.query('INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3)', [
						workspace.id,
						workspace.name,
						workspace.createdAt
					]);
					await insertDevice(sql, first, 'owner');
				}),
			count: async () =>
				num((await pool.query<Row>('SELECT count(*) AS n FROM workspaces')).rows[0] ?? {}, 'n')
		},
		devices: {
			findActiveByTokenHash,
			list: async (workspaceId) =>
				(
					await pool.query<Row>(
						'SELECT * FROM devices WHERE workspace_id = $1 ORDER BY created_at, id',
						[workspaceId]
					)
				).rows.map(toDevice),
			listAll: async () =>
				(
					await pool.query<Row>('SELECT * FROM devices ORDER BY workspace_id, created_at, id')
				).rows.map(toDevice),
			revoke: (workspaceId, deviceId, by, at) =>
				transaction(async (sql) => {
					await lockWorkspace(sql, workspaceId);
					const target = await device(sql, deviceId);
					if (target === undefined) return { kind: 'not-found' };
					if (target.workspaceId !== workspaceId) return { kind: 'other-workspace' };
					const actor = await device(sql, by);
					if (actor === undefined || actor.revokedAt !== null || actor.workspaceId !== workspaceId)
						return { kind: 'other-workspace' };
					const others = num(
						(await one(
							sql,
							'SELECT count(*) AS n FROM devices WHERE workspace_id = $1 AND id <> $2 AND revoked_at IS NULL',
							[workspaceId, actor.id]
						)) ?? {},
						'n'
					);
					const refusal = revocationRefusal(actor, target, others);
					if (refusal !== undefined)
						return { kind: 'refused', refusal, ownerName: await ownerName(sql, workspaceId) };
					if (target.revokedAt !== null) return { kind: 'already-revoked' };
					await sql.query(
						'UPDATE devices SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL',
						[at, deviceId]
					);
					return {
						kind: 'revoked',
						withdrawnJoinTokens: await withdrawJoinTokens(sql, deviceId, at)
					};
				}),
			handOver: (deviceId, by, at) =>
				transaction(async (sql) => {
					const unlocked = await device(sql, deviceId);
					const scope =
						by.kind === 'device'
							? (await device(sql, by.deviceId))?.workspaceId
							: unlocked?.workspaceId;
					if (scope !== undefined) await lockWorkspace(sql, scope);
					const target = await device(sql, deviceId);
					if (by.kind === 'device') {
						const actor = await device(sql, by.deviceId);
						if (actor === undefined || actor.revokedAt !== null) return { kind: 'not-found' };
						const refusal = ownerOnlyRefusal(actor);
						if (refusal !== undefined)
							return {
								kind: 'refused',
								refusal,
								ownerName: await ownerName(sql, actor.workspaceId)
							};
						if (target === undefined) return { kind: 'not-found' };
						if (target.workspaceId !== actor.workspaceId) return { kind: 'other-workspace' };
					}
					if (target === undefined) return { kind: 'not-found' };
					if (target.revokedAt !== null) return { kind: 'revoked' };
					const previous = await one(
						sql,
						"SELECT id FROM devices WHERE workspace_id = $1 AND role = 'owner' AND revoked_at IS NULL",
						[target.workspaceId]
					);
					const previousOwnerId = previous === undefined ? null : str(previous, 'id');
					if (previousOwnerId === target.id)
						return { kind: 'already-owner', workspaceId: target.workspaceId, previousOwnerId };
					if (previousOwnerId !== null) {
						// Demote first: the unique index allows one owner per workspace.
						await sql.query("UPDATE devices SET role = 'member' WHERE id = $1", [previousOwnerId]);
						await withdrawJoinTokens(sql, previousOwnerId, at);
					}
					await sql.query("UPDATE devices SET role = 'owner' WHERE id = $1", [target.id]);
					return { kind: 'handed-over', workspaceId: target.workspaceId, previousOwnerId };
				}),
			touch: async (deviceId, at) => {
				await pool.query('UPDATE devices SET last_seen_at = $1 WHERE id = $2', [at, deviceId]);
			}
		},
		joinTokens: {
			create: (t) =>
				transaction(async (sql) => {
					await lockWorkspace(sql, t.workspaceId);
					const actor = await device(sql, t.createdBy);
					const refusal =
						actor === undefined || actor.revokedAt !== null ? 'not-owner' : ownerOnlyRefusal(actor);
					if (refusal !== undefined)
						return {
							kind: 'refused',
							refusal,
							ownerName: await ownerName(sql, t.workspaceId)
						} as const;
					await sql.query(
						'INSERT INTO join_tokens (token_hash, workspace_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
						[t.tokenHash, t.workspaceId, t.createdBy, t.createdAt, t.expiresAt]
					);
					return { kind: 'created' } as const;
				}),
			consume: (tokenHash, at, joining) =>
				transaction(async (sql) => {
					const row = await one(sql, 'SELECT * FROM join_tokens WHERE token_hash = $1', [
						tokenHash
					]);
					if (row === undefined) return { kind: 'invalid' };
					const workspaceId = str(row, 'workspace_id');
					// The same lock a revocation or hand-over takes: a token withdrawn meanwhile is seen.
					await lockWorkspace(sql, workspaceId);
					const token = await one(sql, 'SELECT * FROM join_tokens WHERE token_hash = $1', [
						tokenHash
					]);
					if (token === undefined) return { kind: 'invalid' };
					if (token['used_at'] !== null) return { kind: 'used' };
					if (token['withdrawn_at'] !== null) return { kind: 'withdrawn' };
					if (num(token, 'expires_at') <= at) return { kind: 'expired' };
					await sql.query('UPDATE join_tokens SET used_at = $1 WHERE token_hash = $2', [
						at,
						tokenHash
					]);
					await insertDevice(sql, { ...joining, workspaceId }, 'member');
					return { kind: 'joined', workspaceId };
				})
		}
	};
}
