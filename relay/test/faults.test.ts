import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Fault } from './helpers/contract/contract-http.js';
import { startPeppolAccessPoint } from './helpers/delivery-setup.js';
import { field } from './helpers/http.js';
import { outboxOf } from './helpers/outbox.js';
import { sendRequest } from './helpers/send-request.js';
import { startSmtpSink } from './helpers/smtp-sink.js';
import { startTestRelay } from './helpers/test-relay.js';
import { registerWorkspace } from './helpers/workspace.js';

const REGISTERED = {
	name: 'Peppol Buyer NV',
	country: 'BE',
	isBusiness: true,
	vatNumber: 'BE0123456749'
};
/** The access point's answer to a document it will never take. */
const REFUSED_AS_INVALID: Fault = {
	kind: 'status',
	status: 400,
	body: { success: false, errors: { general: ['Invalid invoice data provided.'] } }
};

describe('faults: each invoice delivered exactly once', () => {
	it('SMTP down, then back: retried with backoff and delivered once', async () => {
		const smtp = await startSmtpSink({ down: true });
		const t = await startTestRelay({ BILLFOLD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
		try {
			const outbox = outboxOf(t, await registerWorkspace(t.url));
			const jobId = await outbox.accept(sendRequest({ channel: 'email' }));
			const retrying = await t.waitForJob(
				(job) => job.id === jobId && job.status === 'queued' && job.errorRetryable === true
			);
			assert.match(retrying.errorReason ?? '', /unreachable/);
			smtp.up();
			const sent = await outbox.reaches(jobId, 'sent');
			assert.ok(sent.attempts >= 2);
			await smtp.waitForMessages(1);
			assert.equal(smtp.messages.length, 1);
			const status = await outbox.status(jobId);
			assert.equal(field(status.body, 'error'), null);
		} finally {
			await t.close();
			await smtp.close();
		}
	});

	it('access point 500, then 200: retried and delivered once', async () => {
		const peppol = await startPeppolAccessPoint();
		const { ap } = peppol;
		ap.fail(
			'send',
			{
				kind: 'status',
				status: 500,
				body: { success: false, errors: { general: ['Internal error'] } }
			},
			{
				kind: 'status',
				status: 503,
				body: { success: false, errors: { general: ['Maintenance'] } }
			}
		);
		const t = await startTestRelay(peppol.env);
		try {
			const outbox = outboxOf(t, await registerWorkspace(t.url));
			const jobId = await outbox.accept(sendRequest({ buyer: REGISTERED }));
			const firstFailure = await t.waitForJob(
				(job) => job.id === jobId && job.errorRetryable === true
			);
			assert.match(firstFailure.errorReason ?? '', /answered 500/);
			const sent = await outbox.reaches(jobId, 'sent');
			assert.equal(sent.attempts, 3);
			assert.equal(sent.channel, 'peppol');
			assert.equal(ap.sent.length, 1);
		} finally {
			await t.close();
			await peppol.close();
		}
	});

	it('access point 400 naming invalid input: failed for good, with the reason kept', async () => {
		const peppol = await startPeppolAccessPoint();
		const { ap } = peppol;
		ap.fail('send', REFUSED_AS_INVALID);
		const t = await startTestRelay(peppol.env);
		try {
			const outbox = outboxOf(t, await registerWorkspace(t.url));
			const jobId = await outbox.accept(sendRequest({ buyer: REGISTERED }));
			await outbox.reaches(jobId, 'failed');
			const status = await outbox.status(jobId);
			assert.equal(field(status.body, 'status'), 'failed');
			assert.equal(field(status.body, 'attempts'), 1);
			assert.deepEqual(field(status.body, 'error'), {
				reason: 'Recommand refused the document. Recommand said: “Invalid invoice data provided.”',
				retryable: false,
				code: 'peppol-provider-refused'
			});
			assert.equal(ap.sent.length, 0);
		} finally {
			await t.close();
			await peppol.close();
		}
	});

	it('an SML outage is retried, not read as "not on Peppol"', async () => {
		const peppol = await startPeppolAccessPoint();
		const { network, ap } = peppol;
		network.setDnsFailing(true);
		const t = await startTestRelay(peppol.env);
		try {
			const outbox = outboxOf(t, await registerWorkspace(t.url));
			const jobId = await outbox.accept(sendRequest({ buyer: REGISTERED }));
			await t.waitForJob((job) => job.id === jobId && job.errorRetryable === true);
			network.setDnsFailing(false);
			const sent = await outbox.reaches(jobId, 'sent');
			assert.equal(sent.channel, 'peppol');
			assert.equal(ap.sent.length, 1);
		} finally {
			await t.close();
			await peppol.close();
		}
	});

	it('a failed job can be sent again with the same invoice id, and is then delivered once', async () => {
		const peppol = await startPeppolAccessPoint();
		const { ap } = peppol;
		ap.fail('send', REFUSED_AS_INVALID);
		const t = await startTestRelay(peppol.env);
		try {
			const outbox = outboxOf(t, await registerWorkspace(t.url));
			const request = sendRequest({ buyer: REGISTERED });
			const jobId = await outbox.accept(request);
			await outbox.reaches(jobId, 'failed');
			const again = await outbox.post(request);
			assert.equal(field(again.body, 'jobId'), jobId);
			assert.equal(field(again.body, 'duplicate'), false);
			await outbox.reaches(jobId, 'sent');
			assert.equal(ap.sent.length, 1);
		} finally {
			await t.close();
			await peppol.close();
		}
	});
});
