import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Clock } from '../src/clock.js';
import { databaseDump } from './helpers/data-dir.js';
import { call, field } from './helpers/http.js';
import { startInboxRelay } from './helpers/inbox-relay.js';
import { downloadSealed } from './helpers/sealed-inbox.js';
import { sampleUbl, sendRequest } from './helpers/send-request.js';
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

/** Every file under the directory, recursively, with its bytes. */
async function filesUnder(dir: string): Promise<{ file: string; bytes: Buffer }[]> {
	const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
	const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
	return Promise.all(files.map(async (file) => ({ file, bytes: await fs.readFile(file) })));
}

describe('retention deletes physically', () => {
	it('purges a backlog larger than one purge step in one sweep', async () => {
		let now = Date.parse('2026-05-01T10:00:00Z');
		const clock: Clock = { now: () => now };
		const t = await startTestRelay({ BILLFOLD_RETENTION_HOURS: '1' }, { clock });
		try {
			const device = await registerWorkspace(t.url);
			const jobIds: string[] = [];
			for (let i = 0; i < 45; i++) {
				const accepted = await call(
					t.url,
					'POST',
					`/api/v1/workspaces/${device.workspaceId}/outbox`,
					{ token: device.deviceToken, json: sendRequest({ channel: 'email' }) }
				);
				jobIds.push(field<string>(accepted.body, 'jobId'));
			}
			for (const jobId of jobIds)
				await t.waitForJob((job) => job.id === jobId && job.status === 'sent');
			now += 2 * 3600 * 1000;
			await t.relay.sweep();
			const list = await call(t.url, 'GET', `/api/v1/workspaces/${device.workspaceId}/outbox`, {
				token: device.deviceToken
			});
			const jobs = field<{ contentDeleted: boolean }[]>(list.body, 'jobs');
			assert.equal(jobs.length, 45);
			assert.ok(jobs.every((job) => job.contentDeleted));
		} finally {
			await t.close();
		}
	});

	it('leaves none of the PDF, UBL, body or recipient in any file of the data directory', async () => {
		let now = Date.parse('2026-05-01T10:00:00Z');
		const clock: Clock = { now: () => now };
		const t = await startTestRelay({ BILLFOLD_RETENTION_HOURS: '1' }, { clock });
		try {
			const device = await registerWorkspace(t.url);
			// Larger than a page, so the content also lands in overflow pages.
			const pdf = Buffer.from(
				`%PDF-1.4\n% PDFMARK-41c7 ${'PDFMARK-41c7 '.repeat(2000)}\n%%EOF\n`,
				'latin1'
			);
			const request = sendRequest({
				channel: 'email',
				invoiceNumber: 'R-1',
				email: {
					to: ['rcpt-9d2e@example.test'],
					replyTo: 'seller@example.test',
					sellerName: 'Seller Studio',
					subject: 'Invoice R-1',
					text: `Dear buyer, BODYMARK-5b13 ${'BODYMARK-5b13 '.repeat(500)}`
				}
			});
			request['pdf'] = { fileName: 'R-1.pdf', contentBase64: pdf.toString('base64') };
			const ubl = sampleUbl('R-1').replace(
				'<cbc:ID>',
				`<cbc:Note>UBLMARK-e802 ${'UBLMARK-e802 '.repeat(1000)}</cbc:Note><cbc:ID>`
			);
			request['ubl'] = { fileName: 'R-1.xml', xml: ubl };
			// The PDF travels as base64, in the stored request and in the .eml alike.
			const markers = [
				pdf.toString('base64').slice(0, 60),
				pdf.toString('base64').slice(12_000, 12_060),
				'UBLMARK-e802',
				Buffer.from(ubl).toString('base64').slice(0, 60),
				'BODYMARK-5b13',
				'rcpt-9d2e@example.test'
			];
			const found = async () => {
				const hits: string[] = [];
				for (const { file, bytes } of await filesUnder(t.dataDir)) {
					for (const marker of markers) {
						if (bytes.includes(marker, 0, 'latin1'))
							hits.push(`${path.relative(t.dataDir, file)}: ${marker.slice(0, 20)}`);
					}
				}
				const dump = await databaseDump(t.databaseEnv);
				for (const marker of markers)
					if (dump.includes(marker)) hits.push(`database: ${marker.slice(0, 20)}`);
				return hits;
			};

			const accepted = await call(
				t.url,
				'POST',
				`/api/v1/workspaces/${device.workspaceId}/outbox`,
				{ token: device.deviceToken, json: request }
			);
			assert.equal(accepted.status, 202, accepted.text);
			const jobId = field<string>(accepted.body, 'jobId');
			await t.waitForJob((job) => job.id === jobId && job.status === 'sent');
			// The scan can see what it looks for: every marker is on disk before the sweep.
			const before = await found();
			for (const marker of markers)
				assert.ok(
					before.some((hit) => hit.endsWith(marker.slice(0, 20))),
					`${marker} on disk before the sweep`
				);

			now += 2 * 3600 * 1000;
			await t.relay.sweep();
			const status = await call(
				t.url,
				'GET',
				`/api/v1/workspaces/${device.workspaceId}/outbox/${jobId}`,
				{ token: device.deviceToken }
			);
			assert.equal(field(status.body, 'contentDeleted'), true);
			assert.equal(field(status.body, 'status'), 'sent');
			assert.deepEqual(await found(), []);
			assert.ok(
				t.logs.some((line) => line.includes('"event":"retention-swept"')),
				'the sweep reports what it did and how long it took'
			);
		} finally {
			await t.close();
		}
	});
});

describe('inbox retention deletes physically', () => {
	it('leaves neither the sealed copy nor its sender in any file of the data directory or the database', async () => {
		let offset = 0;
		const r = await startInboxRelay({ now: () => Date.now() + offset });
		try {
			// A sender no other row holds, so finding it means finding this document's row.
			const sender = `0208:0${String(Math.floor(Math.random() * 1e8)).padStart(8, '1')}9`;
			await r.receive(sender, `NOTEMARK-6c1d ${'NOTEMARK-6c1d '.repeat(600)}`);
			const [document] = await r.list(r.device);
			assert.ok(document !== undefined);
			assert.equal(document.sender, sender);
			const sealed = await downloadSealed(r.t.url, r.device, document.id);
			assert.equal(sealed.status, 200);
			// Slices from the start and from an overflow page of the sealed copy; a pg_dump writes
			// bytea as hex.
			const slices = [sealed.bytes.subarray(66, 126), sealed.bytes.subarray(6000, 6060)];
			const found = async () => {
				const hits: string[] = [];
				for (const { file, bytes } of await filesUnder(r.t.dataDir)) {
					for (const [i, slice] of slices.entries())
						if (bytes.includes(slice))
							hits.push(`${path.relative(r.t.dataDir, file)}: sealed ${i}`);
					if (bytes.includes(sender, 0, 'latin1'))
						hits.push(`${path.relative(r.t.dataDir, file)}: sender`);
				}
				const dump = await databaseDump(r.t.databaseEnv);
				for (const [i, slice] of slices.entries())
					if (dump.includes(slice.toString('hex'))) hits.push(`database: sealed ${i}`);
				if (dump.includes(sender)) hits.push('database: sender');
				return hits;
			};
			const before = await found();
			for (const label of ['sealed 0', 'sealed 1', 'sender'])
				assert.ok(
					before.some((hit) => hit.endsWith(label)),
					`${label} on disk before the sweep: ${before.join(', ')}`
				);

			offset += 91 * 24 * 3600 * 1000;
			await r.t.relay.sweep();
			assert.deepEqual(await r.list(r.device), []);
			assert.deepEqual(await found(), []);
		} finally {
			await r.close();
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
