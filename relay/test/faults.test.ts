import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, field } from './helpers/http.js';
import {
	recommandOperatorEnv,
	start as startRecommand
} from './helpers/contract/recommand-server.js';
import { peppolEnv, startPeppolNetwork } from './helpers/peppol-network.js';
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

describe('faults: each invoice delivered exactly once', () => {
	it('SMTP down, then back: retried with backoff and delivered once', async () => {
		const smtp = await startSmtpSink({ down: true });
		const t = await startTestRelay({ BILLFOLD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
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
			const retrying = await t.waitForJob(
				(job) => job.id === jobId && job.status === 'queued' && job.errorRetryable === true
			);
			assert.match(retrying.errorReason ?? '', /unreachable/);
			smtp.up();
			const sent = await t.waitForJob((job) => job.id === jobId && job.status === 'sent');
			assert.ok(sent.attempts >= 2);
			await smtp.waitForMessages(1);
			assert.equal(smtp.messages.length, 1);
			const status = await call(
				t.url,
				'GET',
				`/api/v1/workspaces/${device.workspaceId}/outbox/${jobId}`,
				{ token: device.deviceToken }
			);
			assert.equal(field(status.body, 'error'), null);
		} finally {
			await t.close();
			await smtp.close();
		}
	});

	it('access point 500, then 200: retried and delivered once', async () => {
		const network = await startPeppolNetwork();
		network.register('0208:0123456749');
		const ap = await startRecommand();
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
		const t = await startTestRelay({ ...peppolEnv(network), ...recommandOperatorEnv(ap) });
		try {
			const device = await registerWorkspace(t.url);
			const accepted = await call(
				t.url,
				'POST',
				`/api/v1/workspaces/${device.workspaceId}/outbox`,
				{
					token: device.deviceToken,
					json: sendRequest({ buyer: REGISTERED })
				}
			);
			const jobId = field<string>(accepted.body, 'jobId');
			const firstFailure = await t.waitForJob(
				(job) => job.id === jobId && job.errorRetryable === true
			);
			assert.match(firstFailure.errorReason ?? '', /answered 500/);
			const sent = await t.waitForJob((job) => job.id === jobId && job.status === 'sent');
			assert.equal(sent.attempts, 3);
			assert.equal(sent.channel, 'peppol');
			assert.equal(ap.sent.length, 1);
		} finally {
			await t.close();
			await Promise.all([ap.close(), network.close()]);
		}
	});

	it('access point 400 naming invalid input: failed for good, with the reason kept', async () => {
		const network = await startPeppolNetwork();
		network.register('0208:0123456749');
		const ap = await startRecommand();
		ap.fail('send', {
			kind: 'status',
			status: 400,
			body: { success: false, errors: { general: ['Invalid invoice data provided.'] } }
		});
		const t = await startTestRelay({ ...peppolEnv(network), ...recommandOperatorEnv(ap) });
		try {
			const device = await registerWorkspace(t.url);
			const accepted = await call(
				t.url,
				'POST',
				`/api/v1/workspaces/${device.workspaceId}/outbox`,
				{
					token: device.deviceToken,
					json: sendRequest({ buyer: REGISTERED })
				}
			);
			const jobId = field<string>(accepted.body, 'jobId');
			await t.waitForJob((job) => job.id === jobId && job.status === 'failed');
			const status = await call(
				t.url,
				'GET',
				`/api/v1/workspaces/${device.workspaceId}/outbox/${jobId}`,
				{ token: device.deviceToken }
			);
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
			await Promise.all([ap.close(), network.close()]);
		}
	});

	it('an SML outage is retried, not read as "not on Peppol"', async () => {
		const network = await startPeppolNetwork();
		network.register('0208:0123456749');
		network.setDnsFailing(true);
		const ap = await startRecommand();
		const t = await startTestRelay({ ...peppolEnv(network), ...recommandOperatorEnv(ap) });
		try {
			const device = await registerWorkspace(t.url);
			const accepted = await call(
				t.url,
				'POST',
				`/api/v1/workspaces/${device.workspaceId}/outbox`,
				{
					token: device.deviceToken,
					json: sendRequest({ buyer: REGISTERED })
				}
			);
			const jobId = field<string>(accepted.body, 'jobId');
			await t.waitForJob((job) => job.id === jobId && job.errorRetryable === true);
			network.setDnsFailing(false);
			const sent = await t.waitForJob((job) => job.id === jobId && job.status === 'sent');
			assert.equal(sent.channel, 'peppol');
			assert.equal(ap.sent.length, 1);
		} finally {
			await t.close();
			await Promise.all([ap.close(), network.close()]);
		}
	});

	it('a failed job can be sent again with the same invoice id, and is then delivered once', async () => {
		const network = await startPeppolNetwork();
		network.register('0208:0123456749');
		const ap = await startRecommand();
		ap.fail('send', {
			kind: 'status',
			status: 400,
			body: { success: false, errors: { general: ['Invalid invoice data provided.'] } }
		});
		const t = await startTestRelay({ ...peppolEnv(network), ...recommandOperatorEnv(ap) });
		try {
			const device = await registerWorkspace(t.url);
			const request = sendRequest({ buyer: REGISTERED });
			const path = `/api/v1/workspaces/${device.workspaceId}/outbox`;
			const first = await call(t.url, 'POST', path, { token: device.deviceToken, json: request });
			const jobId = field<string>(first.body, 'jobId');
			await t.waitForJob((job) => job.id === jobId && job.status === 'failed');
			const again = await call(t.url, 'POST', path, { token: device.deviceToken, json: request });
			assert.equal(field(again.body, 'jobId'), jobId);
			assert.equal(field(again.body, 'duplicate'), false);
			await t.waitForJob((job) => job.id === jobId && job.status === 'sent');
			assert.equal(ap.sent.length, 1);
		} finally {
			await t.close();
			await Promise.all([ap.close(), network.close()]);
		}
	});
});
