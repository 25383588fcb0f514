import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, field } from './helpers/http.js';
import { inviteFrom, storedCopies } from './helpers/data-dir.js';
import { startTestRelay } from './helpers/test-relay.js';
import { joinDevice, registerWorkspace } from './helpers/workspace.js';

describe('secrets at rest', () => {
	it('keeps no invite, device or join token in plain text in the data directory', async () => {
		const t = await startTestRelay({ BILLFOLD_INVITE_TOKEN: undefined });
		try {
			const invite = inviteFrom(t.relay.firstInviteLink);
			const laptop = await registerWorkspace(t.url, 'laptop', invite);
			const phone = await joinDevice(t.url, laptop, 'phone');
			const pending = await call(
				t.url,
				'POST',
				`/api/v1/workspaces/${laptop.workspaceId}/join-tokens`,
				{
					token: laptop.deviceToken
				}
			);
			const joinToken = field<string>(pending.body, 'joinToken');
			const secrets = { invite, laptop: laptop.deviceToken, phone: phone.deviceToken, joinToken };
			for (const [name, secret] of Object.entries(secrets))
				assert.deepEqual(await storedCopies(t, secret), [], `${name} while running`);
			await t.relay.close();
			for (const [name, secret] of Object.entries(secrets))
				assert.deepEqual(await storedCopies(t, secret), [], `${name} after closing`);
		} finally {
			await t.close();
		}
	});

	it('keeps the generated invite valid across a restart without printing it again', async () => {
		const first = await startTestRelay({ BILLFOLD_INVITE_TOKEN: undefined });
		const invite = inviteFrom(first.relay.firstInviteLink);
		await first.relay.close();
		const second = await startTestRelay(
			{ BILLFOLD_INVITE_TOKEN: undefined, ...first.databaseEnv },
			{ dataDir: first.dataDir }
		);
		try {
			// Only its hash is stored, so the relay cannot show the link again; the first one still works.
			assert.equal(second.relay.firstInviteLink, undefined);
			await registerWorkspace(second.url, 'laptop', invite);
		} finally {
			await second.close();
			await first.close();
		}
	});
});
