import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { after, before, describe, it } from 'node:test';
import { migrations } from '../src/storage/sqlite-migrations.js';
import { startMailRelay, type MailRelay } from './helpers/delivery-setup.js';
import { call, field } from './helpers/http.js';
import type { Outbox } from './helpers/outbox.js';
import { sendRequest } from './helpers/send-request.js';
import type { SmtpSink } from './helpers/smtp-sink.js';
import { makeTempDir, startTestRelay, type TestRelay } from './helpers/test-relay.js';
import type { DeviceCredentials } from './helpers/workspace.js';

const emailTo = {
	to: ['buyer@example.test'],
	replyTo: 'seller@example.test',
	sellerName: 'Seller Studio',
	subject: 'Invoice 2026-0001',
	text: 'Please find the invoice attached.'
};

describe('send again: an explicit resend is its own job', () => {
	let relay: MailRelay;
	let smtp: SmtpSink;
	let t: TestRelay;
	let device: DeviceCredentials;
	let outbox: Outbox;

	before(async () => {
		relay = await startMailRelay();
		({ smtp, t, device, outbox } = relay);
	});
	after(() => relay.close());

	it('delivers once per (invoice, resend): a repeat is a duplicate, "send again" sends again', async () => {
		const invoiceId = randomUUID();
		const request = sendRequest({ invoiceId, channel: 'email', email: emailTo });
		const first = await outbox.post(request);
		assert.equal(first.status, 202, first.text);
		const firstJob = field<string>(first.body, 'jobId');
		await outbox.reaches(firstJob, 'sent');

		const repeat = await outbox.post(request);
		assert.equal(field(repeat.body, 'duplicate'), true);
		assert.equal(field(repeat.body, 'jobId'), firstJob);

		const again = await outbox.post({ ...request, resend: 1 });
		assert.equal(again.status, 202, again.text);
		assert.equal(field(again.body, 'duplicate'), false);
		const secondJob = field<string>(again.body, 'jobId');
		assert.notEqual(secondJob, firstJob);
		const [one, two] = await smtp.waitForMessages(2);
		assert.equal(one?.messageId, `<${firstJob}@relay.example.test>`);
		assert.equal(two?.messageId, `<${secondJob}@relay.example.test>`);

		const againRepeat = await outbox.post({ ...request, resend: 1 });
		assert.equal(field(againRepeat.body, 'duplicate'), true);
		assert.equal(field(againRepeat.body, 'jobId'), secondJob);

		const listed = await call(
			t.url,
			'GET',
			`/api/v1/workspaces/${device.workspaceId}/outbox?invoiceId=${invoiceId}`,
			{ token: device.deviceToken }
		);
		const jobs = field<{ jobId: string; resend: number }[]>(listed.body, 'jobs');
		assert.deepEqual(
			jobs.map((job) => [job.jobId, job.resend]).sort((a, b) => Number(a[1]) - Number(b[1])),
			[
				[firstJob, 0],
				[secondJob, 1]
			]
		);
	});

	it('refuses a resend counter that is not a small whole number, naming the field', async () => {
		const bad = await outbox.post({
			...sendRequest({ channel: 'email', email: emailTo }),
			resend: -1
		});
		assert.equal(bad.status, 400);
		const fields = field<{ path: string; message: string }[]>(
			field<Record<string, unknown>>(bad.body, 'error'),
			'fields'
		);
		assert.deepEqual(
			fields.map((f) => f.path),
			['resend']
		);
	});
});

describe('the resend migration', () => {
	it('keeps the jobs and content of a relay that stored them before resends existed', async () => {
		const dataDir = await makeTempDir('pre-resend');
		const db = new Database(path.join(dataDir, 'relay.sqlite'));
		for (const [step, sql] of migrations.slice(0, 2).entries()) {
			db.exec(sql);
			db.pragma(`user_version = ${step + 1}`);
		}
		const workspaceId = randomUUID();
		const jobId = randomUUID();
		db.prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)').run(
			workspaceId,
			null,
			1
		);
		db.prepare(
			`INSERT INTO outbox_jobs (id, workspace_id, invoice_id, device_id, document_type, status,
			   created_at, updated_at, accepted_at, sent_at) VALUES (?, ?, ?, 'd', 'invoice', 'sent', 1, 1, 1, 1)`
		).run(jobId, workspaceId, randomUUID());
		db.prepare('INSERT INTO outbox_content (job_id, body) VALUES (?, ?)').run(jobId, '{}');
		db.close();

		// A SQLite file written by an older relay: this is about SQLite's migration 5.
		const t = await startTestRelay({ BILLFOLD_DATABASE_URL: undefined }, { dataDir });
		await t.close();
		const after = new Database(path.join(dataDir, 'relay.sqlite'), { readonly: true });
		try {
			assert.equal(after.pragma('user_version', { simple: true }), migrations.length);
			assert.deepEqual(
				after.prepare('SELECT status, resend FROM outbox_jobs WHERE id = ?').get(jobId),
				{ status: 'sent', resend: 0 }
			);
			assert.deepEqual(
				after.prepare('SELECT body FROM outbox_content WHERE job_id = ?').get(jobId),
				{ body: '{}' }
			);
			assert.deepEqual(after.pragma('foreign_key_check'), []);
		} finally {
			after.close();
		}
	});
});
