import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { call, field, type CallResult } from './helpers/http.js';
import { peppolEnv, startPeppolNetwork, type PeppolNetwork } from './helpers/peppol-network.js';
import { emailOnlyRequest, SAMPLE_PDF, sampleUbl } from './helpers/send-request.js';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

type Body = Record<string, unknown>;
const fieldsOf = (result: CallResult) =>
	field<{ path: string; message: string }[]>(result.body, 'error', 'fields');

for (const kind of ['quote', 'reminder'] as const) {
	describe(`a ${kind}: a PDF by e-mail only, exactly once`, () => {
		let smtp: SmtpSink;
		let network: PeppolNetwork;
		let t: TestRelay;
		let device: DeviceCredentials;
		let outbox: string;

		before(async () => {
			smtp = await startSmtpSink();
			network = await startPeppolNetwork();
			t = await startTestRelay({
				BILLFOLD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
				BILLFOLD_MAIL_FROM: 'no-reply@relay.example.test',
				...peppolEnv(network)
			});
			device = await registerWorkspace(t.url);
			outbox = `/api/v1/workspaces/${device.workspaceId}/outbox`;
		});
		after(async () => {
			await t.close();
			await smtp.close();
			await network.close();
		});

		const post = (json: Body) => call(t.url, 'POST', outbox, { token: device.deviceToken, json });

		async function refusedAt(json: Body, path: string): Promise<string> {
			const result = await post(json);
			assert.equal(result.status, 400, result.text);
			const entry = fieldsOf(result).find((f) => f.path === path);
			assert.ok(entry, `expected a field error at ${path}, got ${result.text}`);
			return entry.message;
		}

		it('is delivered once with its PDF and no UBL, and without the B2B e-invoice warning', async () => {
			const id = randomUUID();
			const request = emailOnlyRequest(kind, { invoiceId: id });
			const first = await post(request);
			assert.equal(first.status, 202, first.text);
			assert.equal(field(first.body, 'job', 'documentType'), kind);
			const [mail] = await smtp.waitForMessages(1);
			assert.ok(mail);
			assert.deepEqual(
				mail.attachments.map((a) => [a.filename, a.contentType]),
				[['2026-0001.pdf', 'application/pdf']]
			);
			assert.deepEqual(mail.attachments[0]?.content, SAMPLE_PDF);

			const again = await post(request);
			assert.equal(again.status, 202, again.text);
			assert.equal(field(again.body, 'duplicate'), true);
			const jobs = field<Body[]>(
				(await call(t.url, 'GET', `${outbox}?invoiceId=${id}`, { token: device.deviceToken })).body,
				'jobs'
			);
			assert.equal(jobs.length, 1);
			assert.equal(jobs[0]?.['status'], 'sent');
			assert.equal(jobs[0]?.['channel'], 'email');
			assert.deepEqual(jobs[0]?.['warnings'], []);
			assert.equal(smtp.messages.length, 1);
		});

		it('refuses a UBL, naming the field and the rule', async () => {
			const message = await refusedAt(
				emailOnlyRequest(kind, { ubl: { fileName: 'x.xml', xml: sampleUbl('2026-0001') } }),
				'ubl'
			);
			assert.equal(message, `is not accepted for a ${kind}`);
		});

		it('refuses any channel but e-mail', async () => {
			for (const channel of ['auto', 'peppol']) {
				const message = await refusedAt(emailOnlyRequest(kind, { channel }), 'channel');
				assert.equal(message, 'must be "email" for a quote or a reminder');
			}
		});

		it('still needs the PDF and the e-mail fields', async () => {
			const noPdf = emailOnlyRequest(kind);
			delete noPdf['pdf'];
			await refusedAt(noPdf, 'pdf');
			const noEmail = emailOnlyRequest(kind);
			delete noEmail['email'];
			await refusedAt(noEmail, 'email');
		});
	});
}

describe('an invoice still needs its UBL', () => {
	let t: TestRelay;
	let device: DeviceCredentials;
	before(async () => {
		t = await startTestRelay();
		device = await registerWorkspace(t.url);
	});
	after(() => t.close());

	it('is refused without one, naming the field', async () => {
		const request = emailOnlyRequest('reminder', { documentType: 'invoice' });
		const result = await call(t.url, 'POST', `/api/v1/workspaces/${device.workspaceId}/outbox`, {
			token: device.deviceToken,
			json: request
		});
		assert.equal(result.status, 400, result.text);
		const entry = fieldsOf(result).find((f) => f.path === 'ubl');
		assert.equal(entry?.message, 'is required for an invoice or a credit note');
	});
});
