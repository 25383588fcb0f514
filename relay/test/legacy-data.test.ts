import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { hashToken } from '../src/auth/tokens.js';
import { migrations } from '../src/storage/sqlite-migrations.js';
import { call, field } from './helpers/http.js';
import { filesContaining } from './helpers/data-dir.js';
import { makeTempDir, startTestRelay, type TestRelay } from './helpers/test-relay.js';

const LEGACY_INVITE = 'bf_inv_legacy-plaintext-invite-token-0123456789';
const T0 = Date.parse('2026-01-05T08:00:00Z');

/**
 * A data directory written by the relay before schema 3: the invite token in plain text, no device
 * roles, join tokens made by a member and by a device revoked since, and a series seeded near
 * Number.MAX_SAFE_INTEGER. Starting today's relay on it must fix each of them.
 */
function writeLegacyDatabase(dataDir: string) {
	const db = new Database(path.join(dataDir, 'relay.sqlite'));
	db.pragma('journal_mode = WAL');
	for (const [step, sql] of migrations.slice(0, 2).entries()) {
		db.exec(sql);
		db.pragma(`user_version = ${step + 1}`);
	}
	const workspaceId = randomUUID();
	const device = (name: string, offset: number, revoked = false) => {
		const id = randomUUID();
		const token = `bf_dev_${name}-${id}`;
		db.prepare(
			'INSERT INTO devices (id, workspace_id, name, token_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)'
		).run(id, workspaceId, name, hashToken(token), T0 + offset, revoked ? T0 + 5_000 : null);
		return { workspaceId, deviceId: id, deviceToken: token };
	};
	const joinToken = (createdBy: string) => {
		const token = `bf_join_${randomUUID()}`;
		db.prepare(
			'INSERT INTO join_tokens (token_hash, workspace_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'
		).run(hashToken(token), workspaceId, createdBy, T0, Date.now() + 3_600_000);
		return token;
	};
	db.prepare("INSERT INTO operator (key, value) VALUES ('invite-token', ?)").run(LEGACY_INVITE);
	db.prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, NULL, ?)').run(
		workspaceId,
		T0
	);
	const laptop = device('laptop', 0);
	const phone = device('phone', 1_000);
	const lost = device('lost', 2_000, true);
	const tokens = {
		byOwner: joinToken(laptop.deviceId),
		byMember: joinToken(phone.deviceId),
		byRevoked: joinToken(lost.deviceId)
	};
	db.prepare(
		"INSERT INTO series (workspace_id, series_id, last_number, last_issue_date) VALUES (?, 'HUGE', ?, '2026-01-01')"
	).run(workspaceId, Number.MAX_SAFE_INTEGER - 1);
	db.close();
	return { laptop, phone, tokens };
}

describe('data written before device roles, withdrawn join tokens and hashed invites', () => {
	let t: TestRelay;
	let dataDir: string;
	let legacy: ReturnType<typeof writeLegacyDatabase>;

	before(async () => {
		dataDir = await makeTempDir('legacy');
		legacy = writeLegacyDatabase(dataDir);
		// The data is a SQLite file written by an older relay: this test is about SQLite's migrations.
		t = await startTestRelay(
			{ BILLFOLD_INVITE_TOKEN: undefined, BILLFOLD_DATABASE_URL: undefined },
			{ dataDir }
		);
	});
	after(() => t.close());

	it('hashes the stored invite token: the old link still registers, its text is gone', async () => {
		assert.deepEqual(await filesContaining(dataDir, LEGACY_INVITE), []);
		const registered = await call(t.url, 'POST', '/api/v1/workspaces', {
			json: { inviteToken: LEGACY_INVITE, deviceName: 'second workspace' }
		});
		assert.equal(registered.status, 201, registered.text);
	});

	it('makes the oldest active device the owner', async () => {
		const list = await call(
			t.url,
			'GET',
			`/api/v1/workspaces/${legacy.phone.workspaceId}/devices`,
			{
				token: legacy.phone.deviceToken
			}
		);
		const roles = field<{ deviceId: string; role: string }[]>(list.body, 'devices').map((d) => [
			d.deviceId,
			d.role
		]);
		assert.deepEqual(roles.slice(0, 2), [
			[legacy.laptop.deviceId, 'owner'],
			[legacy.phone.deviceId, 'member']
		]);
	});

	it('withdraws join tokens made by a revoked device or a member, keeps the owner’s', async () => {
		const join = (joinToken: string) =>
			call(t.url, 'POST', '/api/v1/join', { json: { joinToken, deviceName: 'new' } });
		assert.equal((await join(legacy.tokens.byRevoked)).status, 401);
		assert.equal((await join(legacy.tokens.byMember)).status, 401);
		assert.equal((await join(legacy.tokens.byOwner)).status, 201);
	});

	it('answers a series already past the bound with 409 series-exhausted, never 500', async () => {
		for (let attempt = 0; attempt < 2; attempt++) {
			const result = await call(
				t.url,
				'POST',
				`/api/v1/workspaces/${legacy.laptop.workspaceId}/series/HUGE/issue`,
				{
					token: legacy.laptop.deviceToken,
					json: { invoiceId: randomUUID(), issueDate: '2026-01-02' }
				}
			);
			assert.equal(result.status, 409, result.text);
			assert.equal(field(result.body, 'error', 'code'), 'series-exhausted');
		}
	});
});
