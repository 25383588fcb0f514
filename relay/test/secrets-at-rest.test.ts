import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { start as startLetsPeppol } from './helpers/contract/letspeppol-server.js';
import { start as startRecommand } from './helpers/contract/recommand-server.js';
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

	it('keeps access-point credentials sealed: not in the data directory, the logs or any answer', async () => {
		const recommand = await startRecommand();
		const letsPeppol = await startLetsPeppol();
		const t = await startTestRelay({
			BILLFOLD_RECOMMAND_URL: recommand.url,
			BILLFOLD_LETSPEPPOL_URL: letsPeppol.url,
			BILLFOLD_LETSPEPPOL_KYC_URL: letsPeppol.kycUrl
		});
		try {
			const a = await registerWorkspace(t.url, 'a');
			const b = await registerWorkspace(t.url, 'b');
			const rec = recommand.accounts[0];
			const lp = letsPeppol.accounts[0];
			assert.ok(rec !== undefined && lp !== undefined);
			const answers: string[] = [];
			for (const [device, json] of [
				[
					a,
					{
						provider: 'recommand',
						credentials: { apiKey: rec.apiKey, apiSecret: rec.apiSecret, companyId: rec.company.id }
					}
				],
				[b, { provider: 'letspeppol', credentials: { email: lp.email, password: lp.password } }]
			] as const) {
				const base = `/api/v1/workspaces/${device.workspaceId}/peppol/connection`;
				const put = await call(t.url, 'PUT', base, { token: device.deviceToken, json });
				assert.equal(put.status, 200, put.text);
				const get = await call(t.url, 'GET', base, { token: device.deviceToken });
				answers.push(put.text, get.text);
			}
			const secrets = { recommandSecret: rec.apiSecret, letsPeppolPassword: lp.password };
			for (const [name, secret] of Object.entries(secrets)) {
				assert.deepEqual(await storedCopies(t, secret), [], `${name} while running`);
				for (const text of [...answers, ...t.logs]) assert.ok(!text.includes(secret), name);
			}
			const keyFile = await fs.stat(path.join(t.dataDir, 'secret.key'));
			assert.equal(keyFile.mode & 0o777, 0o600);
			await t.relay.close();
			for (const [name, secret] of Object.entries(secrets))
				assert.deepEqual(await storedCopies(t, secret), [], `${name} after closing`);
		} finally {
			await t.close();
			await Promise.all([recommand.close(), letsPeppol.close()]);
		}
	});

	it('uses BILLFOLD_SECRET_KEY when set, and a connection sealed under another key cannot be used', async () => {
		const recommand = await startRecommand();
		const key = 'a'.repeat(64);
		const first = await startTestRelay({
			BILLFOLD_RECOMMAND_URL: recommand.url,
			BILLFOLD_SECRET_KEY: key
		});
		try {
			const device = await registerWorkspace(first.url);
			const rec = recommand.accounts[0];
			assert.ok(rec !== undefined);
			const base = `/api/v1/workspaces/${device.workspaceId}/peppol/connection`;
			const put = await call(first.url, 'PUT', base, {
				token: device.deviceToken,
				json: {
					provider: 'recommand',
					credentials: { apiKey: rec.apiKey, apiSecret: rec.apiSecret, companyId: rec.company.id }
				}
			});
			assert.equal(put.status, 200, put.text);
			await assert.rejects(fs.stat(path.join(first.dataDir, 'secret.key')));
			await first.relay.close();
			const second = await startTestRelay(
				{
					BILLFOLD_RECOMMAND_URL: recommand.url,
					BILLFOLD_SECRET_KEY: 'b'.repeat(64),
					...first.databaseEnv
				},
				{ dataDir: first.dataDir }
			);
			try {
				const test = await call(second.url, 'POST', `${base}/test`, { token: device.deviceToken });
				assert.equal(test.status, 409, test.text);
				assert.equal(field(test.body, 'error', 'code'), 'peppol-not-connected');
				assert.match(String(field(test.body, 'error', 'message')), /secret key changed/);
			} finally {
				await second.close();
			}
		} finally {
			await first.close();
			await recommand.close();
		}
	});
});
