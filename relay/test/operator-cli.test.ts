import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call } from './helpers/http.js';
import { inviteFrom, runOperatorCli, storedCopies } from './helpers/data-dir.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { joinDevice, registerWorkspace } from './helpers/workspace.js';

/** The built relay's command line (`node relay/dist/main.js …`) against a running relay's data. */
describe('operator command line', () => {
	let t: TestRelay;

	before(async () => {
		t = await startTestRelay({ BILLFOLD_INVITE_TOKEN: undefined });
	});
	after(() => t.close());

	const register = (inviteToken: string) =>
		call(t.url, 'POST', '/api/v1/workspaces', { json: { inviteToken, deviceName: 'laptop' } });

	it('`invite` rotates the invite token: the new link works, the old one stops', async () => {
		const first = inviteFrom(t.relay.firstInviteLink);
		const { stdout, stderr } = await runOperatorCli(t.dataDir, ['invite'], t.databaseEnv);
		const second = inviteFrom(stdout.trim());
		assert.notEqual(second, first);
		assert.match(stderr, /previous invite link no longer works/);
		assert.deepEqual(await storedCopies(t, second), []);
		assert.equal((await register(first)).status, 401);
		assert.equal((await register(second)).status, 201);
	});

	it('`invite` prints the configured BILLFOLD_INVITE_TOKEN unchanged', async () => {
		const configured = 'operator-configured-invite-token';
		const { stdout } = await runOperatorCli(t.dataDir, ['invite'], {
			...t.databaseEnv,
			BILLFOLD_INVITE_TOKEN: configured
		});
		assert.equal(inviteFrom(stdout.trim()), configured);
	});

	it('`owner` makes another device the owner when the owner device is lost', async () => {
		const { stdout: link } = await runOperatorCli(t.dataDir, ['invite'], t.databaseEnv);
		const lostLaptop = await registerWorkspace(t.url, 'lost laptop', inviteFrom(link.trim()));
		const phone = await joinDevice(t.url, lostLaptop, 'phone');
		const revokeLaptop = () =>
			call(
				t.url,
				'DELETE',
				`/api/v1/workspaces/${phone.workspaceId}/devices/${lostLaptop.deviceId}`,
				{
					token: phone.deviceToken
				}
			);
		assert.equal((await revokeLaptop()).status, 403);

		const listed = await runOperatorCli(t.dataDir, ['devices'], t.databaseEnv);
		assert.match(listed.stdout, new RegExp(`${lostLaptop.deviceId}\\s+owner`));
		assert.match(listed.stdout, new RegExp(`${phone.deviceId}\\s+member`));

		const { stdout } = await runOperatorCli(t.dataDir, ['owner', phone.deviceId], t.databaseEnv);
		assert.match(stdout, new RegExp(phone.deviceId));
		assert.equal((await revokeLaptop()).status, 200);
		const session = await call(t.url, 'GET', '/api/v1/session', { token: lostLaptop.deviceToken });
		assert.equal(session.status, 401);
	});

	it('`owner` refuses an unknown or revoked device with a clear message and exit code 1', async () => {
		await assert.rejects(
			runOperatorCli(t.dataDir, ['owner', '0190b6a4-0000-7000-8000-000000000000'], t.databaseEnv),
			(error: Error & { code?: number; stderr?: string }) => {
				assert.equal(error.code, 1);
				assert.match(error.stderr ?? '', /no device/i);
				return true;
			}
		);
	});
});
