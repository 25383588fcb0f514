import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, field, type CallResult } from './helpers/http.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { joinDevice, registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

/**
 * Who may do what to whom in a workspace (relay/README.md, "Devices: who may revoke whom"): the
 * device that registered the workspace is its owner; only the owner adds devices, revokes others
 * and hands ownership on; every device may revoke itself; a join token dies with its creator's
 * revocation or ownership.
 */
describe('device rules', () => {
	let t: TestRelay;

	before(async () => {
		t = await startTestRelay();
	});
	after(() => t.close());

	const devicesPath = (d: DeviceCredentials) => `/api/v1/workspaces/${d.workspaceId}/devices`;
	const revoke = (by: DeviceCredentials, target: DeviceCredentials) =>
		call(t.url, 'DELETE', `${devicesPath(by)}/${target.deviceId}`, { token: by.deviceToken });
	const createJoinToken = (by: DeviceCredentials) =>
		call(t.url, 'POST', `/api/v1/workspaces/${by.workspaceId}/join-tokens`, {
			token: by.deviceToken
		});
	const join = (joinToken: string, deviceName: string) =>
		call(t.url, 'POST', '/api/v1/join', { json: { joinToken, deviceName } });
	const handOver = (by: DeviceCredentials, to: DeviceCredentials) =>
		call(t.url, 'PUT', `/api/v1/workspaces/${by.workspaceId}/owner`, {
			token: by.deviceToken,
			json: { deviceId: to.deviceId }
		});
	const isActive = async (d: DeviceCredentials) =>
		(await call(t.url, 'GET', '/api/v1/session', { token: d.deviceToken })).status === 200;
	const roles = async (viewer: DeviceCredentials) => {
		const list = await call(t.url, 'GET', devicesPath(viewer), { token: viewer.deviceToken });
		assert.equal(list.status, 200, list.text);
		return Object.fromEntries(
			field<{ deviceId: string; role: string }[]>(list.body, 'devices').map((d) => [
				d.deviceId,
				d.role
			])
		);
	};
	const assertRefused = (result: CallResult, pattern: RegExp) => {
		assert.equal(result.status, 403, result.text);
		assert.equal(field(result.body, 'error', 'code'), 'forbidden');
		assert.match(field<string>(result.body, 'error', 'message'), pattern);
	};

	it('withdraws the join tokens a device created when it is revoked', async () => {
		const laptop = await registerWorkspace(t.url, 'laptop');
		const created = await createJoinToken(laptop);
		assert.equal(created.status, 201, created.text);
		// The laptop is the workspace's only device, so it may revoke itself.
		const revoked = await revoke(laptop, laptop);
		assert.equal(revoked.status, 200, revoked.text);
		const joined = await join(field<string>(created.body, 'joinToken'), 'thief');
		assert.equal(joined.status, 401, joined.text);
		assert.match(field<string>(joined.body, 'error', 'message'), /withdrawn/);
	});

	it('lets a joined device revoke neither the owner nor another device, only itself', async () => {
		const laptop = await registerWorkspace(t.url, 'laptop');
		const phone = await joinDevice(t.url, laptop, 'stolen phone');
		const tablet = await joinDevice(t.url, laptop, 'tablet');

		assertRefused(await revoke(phone, laptop), /owner/);
		assertRefused(await revoke(phone, tablet), /owner/);
		assert.equal(await isActive(laptop), true);
		assert.equal(await isActive(tablet), true);

		const self = await revoke(phone, phone);
		assert.equal(self.status, 200, self.text);
		assert.equal(await isActive(phone), false);
	});

	it('lets only the owner add devices: a stolen phone cannot mint join tokens', async () => {
		const laptop = await registerWorkspace(t.url, 'laptop');
		const phone = await joinDevice(t.url, laptop, 'stolen phone');
		assertRefused(await createJoinToken(phone), /owner/);
	});

	it('shows who the owner is', async () => {
		const laptop = await registerWorkspace(t.url, 'laptop');
		const phone = await joinDevice(t.url, laptop, 'phone');
		assert.deepEqual(await roles(phone), {
			[laptop.deviceId]: 'owner',
			[phone.deviceId]: 'member'
		});
	});

	it('lets the owner revoke others, but not itself while other devices remain', async () => {
		const laptop = await registerWorkspace(t.url, 'laptop');
		const phone = await joinDevice(t.url, laptop, 'lost phone');
		const tablet = await joinDevice(t.url, laptop, 'tablet');
		assertRefused(await revoke(laptop, laptop), /another device the owner/);
		assert.equal(await isActive(laptop), true);
		assert.equal((await revoke(laptop, phone)).status, 200);
		assert.equal(await isActive(phone), false);
		assert.equal(await isActive(tablet), true);
	});

	it('hands ownership on: the old owner becomes a member and its pending join tokens die', async () => {
		const oldLaptop = await registerWorkspace(t.url, 'old laptop');
		const newLaptop = await joinDevice(t.url, oldLaptop, 'new laptop');
		const pending = await createJoinToken(oldLaptop);

		assertRefused(await handOver(newLaptop, newLaptop), /owner/);
		const handed = await handOver(oldLaptop, newLaptop);
		assert.equal(handed.status, 200, handed.text);
		assert.deepEqual(handed.body, { ownerDeviceId: newLaptop.deviceId });
		assert.deepEqual(await roles(newLaptop), {
			[oldLaptop.deviceId]: 'member',
			[newLaptop.deviceId]: 'owner'
		});

		const joined = await join(field<string>(pending.body, 'joinToken'), 'late');
		assert.equal(joined.status, 401, joined.text);
		assertRefused(await createJoinToken(oldLaptop), /owner/);
		assert.equal((await revoke(newLaptop, oldLaptop)).status, 200);
		assert.equal(await isActive(oldLaptop), false);
	});

	it('refuses to hand ownership to a revoked device or one of another workspace', async () => {
		const laptop = await registerWorkspace(t.url, 'laptop');
		const phone = await joinDevice(t.url, laptop, 'phone');
		assert.equal((await revoke(laptop, phone)).status, 200);
		const toRevoked = await handOver(laptop, phone);
		assert.equal(toRevoked.status, 409, toRevoked.text);
		assert.equal(field(toRevoked.body, 'error', 'fields', 0, 'path'), 'deviceId');

		const stranger = await registerWorkspace(t.url, 'stranger');
		const foreign = await handOver(laptop, stranger);
		assert.equal(foreign.status, 403, foreign.text);
		assert.equal((await roles(stranger))[stranger.deviceId], 'owner');

		const malformed = await call(t.url, 'PUT', `/api/v1/workspaces/${laptop.workspaceId}/owner`, {
			token: laptop.deviceToken,
			json: { deviceId: 'laptop' }
		});
		assert.equal(malformed.status, 400, malformed.text);
		assert.equal(field(malformed.body, 'error', 'fields', 0, 'path'), 'deviceId');
	});
});
