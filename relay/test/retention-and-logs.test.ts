import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Clock } from '../src/clock.js';
import { call, field } from './helpers/http.js';
import { sendRequest } from './helpers/send-request.js';
import { startTestRelay } from './helpers/test-relay.js';
import { registerWorkspace } from './helpers/workspace.js';

describe('retention', () => {
	it('deletes the sent content and the preview once delivered and the retention period has passed', async () => {
		let now = Date.parse('2026-05-01T10:00:00Z');
		const clock: Clock = { now: () => now };
		const t = await startTestRelay({ BILLFOLD_RETENTION_HOURS: '24' }, { clock });
		try {
			const device = await registerWorkspace(t.url);
			const accepted = await call(
				t.url,
				'POST',
				`/api/v1/workspaces/${device.workspaceId}/outbox`,
				{
					token: device.deviceToken,
					json: sendRequest({ channel: 'email' })
				}
			);
			const jobId = field<string>(accepted.body, 'jobId');
			await t.waitForJob((job) => job.id === jobId && job.status === 'sent');
			const previewFolder = path.join(t.dataDir, 'mail-preview', device.workspaceId);
			assert.equal((await fs.readdir(previewFolder)).length, 1);

			now += 23 * 3600 * 1000;
			await t.relay.sweep();
			let status = await call(
				t.url,
				'GET',
				`/api/v1/workspaces/${device.workspaceId}/outbox/${jobId}`,
				{ token: device.deviceToken }
			);
			assert.equal(field(status.body, 'contentDeleted'), false);

			now += 2 * 3600 * 1000;
			await t.relay.sweep();
			status = await call(
				t.url,
				'GET',
				`/api/v1/workspaces/${device.workspaceId}/outbox/${jobId}`,
				{ token: device.deviceToken }
			);
			assert.equal(field(status.body, 'contentDeleted'), true);
			assert.equal(field(status.body, 'status'), 'sent');
			assert.deepEqual(await fs.readdir(previewFolder), []);
			const previews = await call(
				t.url,
				'GET',
				`/api/v1/workspaces/${device.workspaceId}/mail-previews`,
				{ token: device.deviceToken }
			);
			assert.deepEqual(field(previews.body, 'previews'), []);
		} finally {
			await t.close();
		}
	});
});

describe('structured logs', () => {
	it('are JSON lines with ids and never carry invoice content', async () => {
		const t = await startTestRelay();
		try {
			const device = await registerWorkspace(t.url);
			const secret = 'SECRET-MARKER-7f3a';
			const request = sendRequest({
				channel: 'email',
				invoiceNumber: `${secret}-1`,
				buyer: { name: `${secret} buyer`, country: 'BE', isBusiness: false },
				email: {
					to: [`${secret.toLowerCase()}@example.test`],
					replyTo: 's@example.test',
					sellerName: secret,
					subject: secret,
					text: secret
				}
			});
			const accepted = await call(
				t.url,
				'POST',
				`/api/v1/workspaces/${device.workspaceId}/outbox`,
				{ token: device.deviceToken, json: request }
			);
			const jobId = field<string>(accepted.body, 'jobId');
			await t.waitForJob((job) => job.id === jobId && job.status === 'sent');
			const events = t.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
			assert.ok(
				events.some(
					(e) =>
						e['event'] === 'job-accepted' &&
						e['jobId'] === jobId &&
						e['workspaceId'] === device.workspaceId
				)
			);
			assert.ok(
				events.some(
					(e) =>
						e['event'] === 'job-sent' &&
						e['jobId'] === jobId &&
						e['invoiceId'] === request['invoiceId']
				)
			);
			assert.ok(
				events.every((e) => typeof e['time'] === 'string' && typeof e['level'] === 'string')
			);
			for (const line of t.logs) {
				assert.doesNotMatch(line, new RegExp(secret, 'i'));
				assert.doesNotMatch(line, new RegExp(device.deviceToken));
			}
		} finally {
			await t.close();
		}
	});
});
