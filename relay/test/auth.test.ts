import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { call, field } from './helpers/http.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import {
	joinDevice,
	registerWorkspace,
	TEST_INVITE_TOKEN,
	type DeviceCredentials
} from './helpers/workspace.js';

describe('workspace auth', () => {
	let t: TestRelay;
	let alice: DeviceCredentials;
	let bob: DeviceCredentials;

	before(async () => {
		t = await startTestRelay();
		alice = await registerWorkspace(t.url, 'alice laptop');
		bob = await registerWorkspace(t.url, 'bob phone');
	});
	after(() => t.close());

	it('registers a workspace only with the operator’s invite token', async () => {
		const missing = await call(t.url, 'POST', '/api/v1/workspaces', { json: { deviceName: 'x' } });
		assert.equal(missing.status, 401);
		const wrong = await call(t.url, 'POST', '/api/v1/workspaces', {
			json: { deviceName: 'x', inviteToken: 'not-the-token-at-all' }
		});
		assert.equal(wrong.status, 401);
		const right = await call(t.url, 'POST', '/api/v1/workspaces', {
			json: { deviceName: 'x', inviteToken: TEST_INVITE_TOKEN }
		});
		assert.equal(right.status, 201);
	});

	const scopedRoutes = (ws: string): [string, string, unknown?][] => [
		['GET', `/api/v1/workspaces/${ws}/devices`],
		['POST', `/api/v1/workspaces/${ws}/join-tokens`],
		['DELETE', `/api/v1/workspaces/${ws}/devices/${randomUUID()}`],
		['PUT', `/api/v1/workspaces/${ws}/owner`, { deviceId: randomUUID() }],
		['GET', `/api/v1/workspaces/${ws}/series/INV`],
		['PUT', `/api/v1/workspaces/${ws}/series/INV`, { lastNumber: 1, lastIssueDate: null }],
		[
			'POST',
			`/api/v1/workspaces/${ws}/series/INV/issue`,
			{ invoiceId: randomUUID(), issueDate: '2026-01-01' }
		],
		['POST', `/api/v1/workspaces/${ws}/outbox`, {}],
		['GET', `/api/v1/workspaces/${ws}/outbox`],
		['GET', `/api/v1/workspaces/${ws}/outbox/${randomUUID()}`],
		[
			'POST',
			`/api/v1/workspaces/${ws}/peppol/lookup`,
			{ buyer: { country: 'BE', enterpriseNumber: '0123456749' } }
		],
		['GET', `/api/v1/workspaces/${ws}/mail-previews`],
		['GET', `/api/v1/workspaces/${ws}/mail-previews/${randomUUID()}`]
	];

	it('answers 401 on every workspace route without a valid token', async () => {
		for (const [method, path, json] of [
			...scopedRoutes(alice.workspaceId),
			['GET', '/api/v1/session'] as [string, string]
		]) {
			const none = await call(t.url, method, path, { json });
			assert.equal(none.status, 401, `${method} ${path}`);
			assert.equal(field(none.body, 'error', 'code'), 'unauthorized');
			const bogus = await call(t.url, method, path, { json, token: 'bf_dev_forged' });
			assert.equal(bogus.status, 401, `${method} ${path}`);
		}
	});

	it('answers 403 when a device reaches into another workspace', async () => {
		for (const [method, path, json] of scopedRoutes(alice.workspaceId)) {
			const result = await call(t.url, method, path, { json, token: bob.deviceToken });
			assert.equal(result.status, 403, `${method} ${path}`);
			assert.equal(field(result.body, 'error', 'code'), 'forbidden');
		}
	});

	it('does not show one workspace’s job to another through its own path', async () => {
		const list = await call(t.url, 'GET', `/api/v1/workspaces/${bob.workspaceId}/outbox`, {
			token: bob.deviceToken
		});
		assert.deepEqual(list.body, { jobs: [] });
	});

	it('joins a device with a single-use join token', async () => {
		const created = await call(
			t.url,
			'POST',
			`/api/v1/workspaces/${alice.workspaceId}/join-tokens`,
			{ token: alice.deviceToken }
		);
		const joinToken = field<string>(created.body, 'joinToken');
		assert.match(field<string>(created.body, 'joinUrl'), /\/settings\/relay\?join=/);
		const joined = await call(t.url, 'POST', '/api/v1/join', {
			json: { joinToken, deviceName: 'tablet' }
		});
		assert.equal(joined.status, 201);
		assert.equal(field(joined.body, 'workspaceId'), alice.workspaceId);
		const reused = await call(t.url, 'POST', '/api/v1/join', {
			json: { joinToken, deviceName: 'thief' }
		});
		assert.equal(reused.status, 401);
		const session = await call(t.url, 'GET', '/api/v1/session', {
			token: field<string>(joined.body, 'deviceToken')
		});
		assert.deepEqual(session.body, {
			workspaceId: alice.workspaceId,
			deviceId: field(joined.body, 'deviceId'),
			deviceName: 'tablet'
		});
	});

	it('revokes a device: its token stops working at once, other devices keep theirs', async () => {
		const phone = await joinDevice(t.url, alice, 'lost phone');
		// In use before the revoke, so the relay has looked its token up (and may remember it).
		for (let i = 0; i < 2; i++)
			assert.equal(
				(await call(t.url, 'GET', '/api/v1/session', { token: phone.deviceToken })).status,
				200
			);
		const revoke = await call(
			t.url,
			'DELETE',
			`/api/v1/workspaces/${alice.workspaceId}/devices/${phone.deviceId}`,
			{
				token: alice.deviceToken
			}
		);
		assert.equal(revoke.status, 200);
		assert.equal(
			(await call(t.url, 'GET', '/api/v1/session', { token: phone.deviceToken })).status,
			401
		);
		assert.equal(
			(await call(t.url, 'GET', '/api/v1/session', { token: alice.deviceToken })).status,
			200
		);
		const devices = await call(t.url, 'GET', `/api/v1/workspaces/${alice.workspaceId}/devices`, {
			token: alice.deviceToken
		});
		const listed = field<{ deviceId: string; revokedAt: string | null }[]>(
			devices.body,
			'devices'
		).find((d) => d.deviceId === phone.deviceId);
		assert.notEqual(listed?.revokedAt, null);
		// Bob cannot revoke Alice's device by id, even through his own workspace path.
		const foreign = await call(
			t.url,
			'DELETE',
			`/api/v1/workspaces/${bob.workspaceId}/devices/${alice.deviceId}`,
			{
				token: bob.deviceToken
			}
		);
		assert.equal(foreign.status, 403);
	});
});

describe('open registration', () => {
	it('is off by default and can be switched on', async () => {
		const t = await startTestRelay({ BILLFOLD_OPEN_REGISTRATION: 'true' });
		try {
			const result = await call(t.url, 'POST', '/api/v1/workspaces', {
				json: { deviceName: 'anyone' }
			});
			assert.equal(result.status, 201);
		} finally {
			await t.close();
		}
	});
});
