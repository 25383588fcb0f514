import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type Database from 'better-sqlite3';
import { openSqliteDatabase, type SqliteDatabase } from '../src/storage/sqlite-database.js';
import { createSqliteDeviceStores } from '../src/storage/sqlite-devices.js';
import { makeTempDir } from './helpers/test-relay.js';

const WORKSPACE = '00000000-0000-4000-8000-0000000000c1';
const OWNER = '00000000-0000-4000-8000-0000000000c2';
const MEMBER = '00000000-0000-4000-8000-0000000000c3';

/**
 * The SQLite device store remembers active devices by token hash (sqlite-devices.ts). Every
 * request touches its device once a minute, so a touch must not empty the cache; a revocation
 * must, from the device's next request on. Reads are counted on the real statement.
 */
describe('SQLite auth cache', () => {
	let dir: string;
	let database: SqliteDatabase;
	let tokenReads = 0;
	let stores: ReturnType<typeof createSqliteDeviceStores>;

	before(async () => {
		dir = await makeTempDir('auth-cache');
		database = openSqliteDatabase(dir);
		const db = database.db;
		const prepare = db.prepare.bind(db);
		// Counts the executions of the one statement that looks a token up.
		db.prepare = ((source: string) => {
			const statement = prepare(source);
			if (!source.includes('WHERE token_hash = ?')) return statement;
			const get = statement.get.bind(statement);
			statement.get = ((...params: unknown[]) => {
				tokenReads++;
				return get(...params);
			}) as typeof statement.get;
			return statement;
		}) as Database.Database['prepare'];
		stores = createSqliteDeviceStores(db);
		await stores.workspaces.create(
			{ id: WORKSPACE, name: null, createdAt: 1 },
			{ id: OWNER, workspaceId: WORKSPACE, name: 'laptop', tokenHash: 'hash-owner', createdAt: 1 }
		);
		database.db
			.prepare(
				"INSERT INTO devices (id, workspace_id, name, token_hash, created_at, role) VALUES (?, ?, 'phone', 'hash-member', 2, 'member')"
			)
			.run(MEMBER, WORKSPACE);
	});
	after(async () => {
		database.close();
		await fs.rm(dir, { recursive: true, force: true });
	});

	it('keeps a device remembered across its touch, and forgets a revoked one at once', async () => {
		const owner = { id: OWNER, workspaceId: WORKSPACE, name: 'laptop' };
		assert.deepEqual(await stores.devices.findActiveByTokenHash('hash-owner'), owner);
		assert.deepEqual(await stores.devices.findActiveByTokenHash('hash-member'), {
			id: MEMBER,
			workspaceId: WORKSPACE,
			name: 'phone'
		});
		assert.equal(tokenReads, 2);
		// The once-a-minute last-seen write: nothing authentication reads changes.
		await stores.devices.touch(OWNER, 60_000);
		await stores.devices.touch(MEMBER, 60_000);
		assert.deepEqual(await stores.devices.findActiveByTokenHash('hash-owner'), owner);
		assert.equal(tokenReads, 2, 'a touch keeps the cache');
		const seen = (await stores.devices.list(WORKSPACE)).map((d) => d.lastSeenAt);
		assert.deepEqual(seen, [60_000, 60_000], 'the touch itself is stored');

		const outcome = await stores.devices.revoke(WORKSPACE, MEMBER, OWNER, 70_000);
		assert.equal(outcome.kind, 'revoked');
		assert.equal(await stores.devices.findActiveByTokenHash('hash-member'), undefined);
		assert.deepEqual(await stores.devices.findActiveByTokenHash('hash-owner'), owner);
		assert.equal(tokenReads, 4, 'a revocation empties the cache');
	});
});
