import type Database from 'better-sqlite3';
import { ownerOnlyRefusal, revocationRefusal } from '../auth/device-policy.js';
import type {
	ActiveDevice,
	Actor,
	DeviceRecord,
	HandOverOutcome,
	JoinOutcome,
	NewDevice,
	RevokeOutcome
} from './device-stores.js';
import { toDevice, type Row } from './row-mapping.js';
import type { Storage } from './storage.js';

/**
 * Workspaces, their devices and join tokens, and the operator's settings on SQLite. Every change
 * that the device policy governs is one BEGIN IMMEDIATE transaction that reads the roles, applies
 * auth/device-policy.ts and writes, so no concurrent change can slip between check and write.
 */
export function createSqliteDeviceStores(
	db: Database.Database
): Pick<Storage, 'operator' | 'workspaces' | 'devices' | 'joinTokens'> {
	const q = {
		operatorGet: db.prepare('SELECT value FROM operator WHERE key = ?'),
		operatorSet: db.prepare(
			'INSERT INTO operator (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'
		),
		workspaceInsert: db.prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)'),
		workspaceCount: db.prepare('SELECT count(*) AS n FROM workspaces'),
		deviceInsert: db.prepare(
			'INSERT INTO devices (id, workspace_id, name, token_hash, created_at, role) VALUES (@id, @workspaceId, @name, @tokenHash, @createdAt, @role)'
		),
		deviceByToken: db.prepare('SELECT * FROM devices WHERE token_hash = ? AND revoked_at IS NULL'),
		deviceById: db.prepare('SELECT * FROM devices WHERE id = ?'),
		devicesOf: db.prepare('SELECT * FROM devices WHERE workspace_id = ? ORDER BY created_at, id'),
		allDevices: db.prepare('SELECT * FROM devices ORDER BY workspace_id, created_at, id'),
		ownerOf: db.prepare(
			"SELECT * FROM devices WHERE workspace_id = ? AND role = 'owner' AND revoked_at IS NULL"
		),
		activeOthers: db.prepare(
			'SELECT count(*) AS n FROM devices WHERE workspace_id = ? AND id <> ? AND revoked_at IS NULL'
		),
		deviceRevoke: db.prepare(
			'UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'
		),
		deviceRole: db.prepare('UPDATE devices SET role = ? WHERE id = ?'),
		deviceTouch: db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?'),
		joinInsert: db.prepare(
			'INSERT INTO join_tokens (token_hash, workspace_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'
		),
		joinGet: db.prepare('SELECT * FROM join_tokens WHERE token_hash = ?'),
		joinUse: db.prepare('UPDATE join_tokens SET used_at = ? WHERE token_hash = ?'),
		joinWithdraw: db.prepare(
			'UPDATE join_tokens SET withdrawn_at = ? WHERE created_by = ? AND used_at IS NULL AND withdrawn_at IS NULL'
		)
	};

	/**
	 * Active devices by token hash: every API request and events socket looks its token up. The
	 * entry holds only what authentication reads (ActiveDevice), which nothing changes while the
	 * device is active; a revocation, the one change that matters, goes through this store, which
	 * empties the cache in the same call, so it counts from the device's next request. Other
	 * writers do not need to: touch (last seen) and hand-overs change only fields the entry does
	 * not hold, and so does the operator's `owner` command, which opens this database from another
	 * process while the relay runs. Only found devices are kept, so guessed tokens cannot fill it.
	 */
	const activeByToken = new Map<string, ActiveDevice>();
	const MAX_CACHED_DEVICES = 10_000;
	const revoked = (outcome: RevokeOutcome): RevokeOutcome => {
		activeByToken.clear();
		return outcome;
	};

	const device = (id: string): DeviceRecord | undefined => {
		const row = q.deviceById.get(id) as Row | undefined;
		return row === undefined ? undefined : toDevice(row);
	};
	const ownerName = (workspaceId: string): string | null => {
		const row = q.ownerOf.get(workspaceId) as Row | undefined;
		return row === undefined ? null : String(row['name']);
	};

	const revokeTx = db.transaction(
		(workspaceId: string, deviceId: string, by: string, at: number): RevokeOutcome => {
			const target = device(deviceId);
			if (target === undefined) return { kind: 'not-found' };
			if (target.workspaceId !== workspaceId) return { kind: 'other-workspace' };
			const actor = device(by);
			if (actor === undefined || actor.revokedAt !== null || actor.workspaceId !== workspaceId)
				return { kind: 'other-workspace' };
			const others = Number((q.activeOthers.get(workspaceId, actor.id) as Row)['n']);
			const refusal = revocationRefusal(actor, target, others);
			if (refusal !== undefined)
				return { kind: 'refused', refusal, ownerName: ownerName(workspaceId) };
			if (target.revokedAt !== null) return { kind: 'already-revoked' };
			q.deviceRevoke.run(at, deviceId);
			const withdrawn = q.joinWithdraw.run(at, deviceId).changes;
			return { kind: 'revoked', withdrawnJoinTokens: withdrawn };
		}
	);

	const handOverTx = db.transaction((deviceId: string, by: Actor, at: number): HandOverOutcome => {
		const target = device(deviceId);
		if (by.kind === 'device') {
			const actor = device(by.deviceId);
			if (actor === undefined || actor.revokedAt !== null) return { kind: 'not-found' };
			const refusal = ownerOnlyRefusal(actor);
			if (refusal !== undefined)
				return { kind: 'refused', refusal, ownerName: ownerName(actor.workspaceId) };
			if (target === undefined) return { kind: 'not-found' };
			if (target.workspaceId !== actor.workspaceId) return { kind: 'other-workspace' };
		}
		if (target === undefined) return { kind: 'not-found' };
		if (target.revokedAt !== null) return { kind: 'revoked' };
		const previous = q.ownerOf.get(target.workspaceId) as Row | undefined;
		const previousOwnerId = previous === undefined ? null : String(previous['id']);
		if (previousOwnerId === target.id)
			return { kind: 'already-owner', workspaceId: target.workspaceId, previousOwnerId };
		if (previousOwnerId !== null) {
			// Demote first: the unique index allows one owner per workspace.
			q.deviceRole.run('member', previousOwnerId);
			q.joinWithdraw.run(at, previousOwnerId);
		}
		q.deviceRole.run('owner', target.id);
		return { kind: 'handed-over', workspaceId: target.workspaceId, previousOwnerId };
	});

	const joinTx = db.transaction(
		(tokenHash: string, at: number, joining: Omit<NewDevice, 'workspaceId'>): JoinOutcome => {
			const row = q.joinGet.get(tokenHash) as Row | undefined;
			if (row === undefined) return { kind: 'invalid' };
			if (row['used_at'] !== null) return { kind: 'used' };
			if (row['withdrawn_at'] !== null) return { kind: 'withdrawn' };
			if (Number(row['expires_at']) <= at) return { kind: 'expired' };
			const workspaceId = String(row['workspace_id']);
			q.joinUse.run(at, tokenHash);
			q.deviceInsert.run({ ...joining, workspaceId, role: 'member' });
			return { kind: 'joined', workspaceId };
		}
	);

	return {
		operator: {
			get: async (key) => {
				const row = q.operatorGet.get(key) as Row | undefined;
				return row === undefined ? undefined : String(row['value']);
			},
			set: async (key, value) => {
				q.operatorSet.run(key, value);
			}
		},
		workspaces: {
			create: async (workspace, first) => {
				db.transaction(() => {
					q.workspaceInsert.run(workspace.id, workspace.name, workspace.createdAt);
					q.deviceInsert.run({ ...first, role: 'owner' });
				}).immediate();
			},
			count: async () => Number((q.workspaceCount.get() as Row)['n'])
		},
		devices: {
			findActiveByTokenHash: async (hash) => {
				const cached = activeByToken.get(hash);
				if (cached !== undefined) return { ...cached };
				const row = q.deviceByToken.get(hash) as Row | undefined;
				if (row === undefined) return undefined;
				const { id, workspaceId, name } = toDevice(row);
				if (activeByToken.size >= MAX_CACHED_DEVICES) activeByToken.clear();
				activeByToken.set(hash, { id, workspaceId, name });
				return { id, workspaceId, name };
			},
			list: async (workspaceId) => (q.devicesOf.all(workspaceId) as Row[]).map(toDevice),
			listAll: async () => (q.allDevices.all() as Row[]).map(toDevice),
			revoke: async (workspaceId, deviceId, by, at) =>
				revoked(revokeTx.immediate(workspaceId, deviceId, by, at)),
			handOver: async (deviceId, by, at) => handOverTx.immediate(deviceId, by, at),
			touch: async (deviceId, at) => {
				q.deviceTouch.run(at, deviceId);
			}
		},
		joinTokens: {
			create: async (t) =>
				db
					.transaction(() => {
						const actor = device(t.createdBy);
						const refusal =
							actor === undefined || actor.revokedAt !== null
								? 'not-owner'
								: ownerOnlyRefusal(actor);
						if (refusal !== undefined)
							return { kind: 'refused', refusal, ownerName: ownerName(t.workspaceId) } as const;
						q.joinInsert.run(t.tokenHash, t.workspaceId, t.createdBy, t.createdAt, t.expiresAt);
						return { kind: 'created' } as const;
					})
					.immediate(),
			consume: async (tokenHash, at, joining) => joinTx.immediate(tokenHash, at, joining)
		}
	};
}
