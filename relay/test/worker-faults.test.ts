import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { describe, it } from 'node:test';
import { ConfigError, parseConfig } from '../src/config.js';
import { call, field } from './helpers/http.js';
import { sendRequest } from './helpers/send-request.js';
import { startSmtpSink } from './helpers/smtp-sink.js';
import { makeTempDir, startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

/**
 * Storage errors in the worker's own bookkeeping, injected with BILLFOLD_TEST_FAULTS (see
 * src/storage/fault-injection.ts). The workspace is registered by a first relay without faults,
 * so the call counts below start at the send.
 */
async function relayWithFaults(
	faults: string,
	env: Record<string, string>
): Promise<{ t: TestRelay; device: DeviceCredentials; dataDir: string }> {
	const dataDir = await makeTempDir('faults');
	const setup = await startTestRelay(env, { dataDir });
	const device = await registerWorkspace(setup.url);
	await setup.relay.close();
	const t = await startTestRelay(
		{ ...env, ...setup.databaseEnv, BILLFOLD_TEST_FAULTS: faults },
		{ dataDir }
	);
	// The restart shares the first relay's storage; closing the first one drops its database.
	const closeRestarted = t.close;
	t.close = async () => {
		await closeRestarted();
		await setup.close();
	};
	return { t, device, dataDir };
}

const events = (t: TestRelay) => t.logs.map((line) => JSON.parse(line) as Record<string, unknown>);

async function send(t: TestRelay, device: DeviceCredentials): Promise<string> {
	const accepted = await call(t.url, 'POST', `/api/v1/workspaces/${device.workspaceId}/outbox`, {
		token: device.deviceToken,
		json: sendRequest({ channel: 'email' })
	});
	assert.equal(accepted.status, 202, accepted.text);
	return field<string>(accepted.body, 'jobId');
}

describe('worker: a storage error in its own bookkeeping', () => {
	// Flushes in order: the 202's, the claim's (a job is delivered only once durable), markSent's.
	for (const faults of ['outbox.markSent@1', 'durable@3']) {
		it(`never delivers twice (${faults} fails after the SMTP server took the message)`, async () => {
			const smtp = await startSmtpSink();
			const { t, device, dataDir } = await relayWithFaults(faults, {
				BILLFOLD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`
			});
			try {
				const jobId = await send(t, device);
				const sent = await t.waitForJob((job) => job.id === jobId && job.status === 'sent');
				assert.equal(sent.attempts, 1);
				assert.equal(smtp.messages.length, 1);
				assert.ok(
					events(t).some(
						(e) =>
							e['event'] === 'job-bookkeeping-failed' &&
							e['operation'] === 'markSent' &&
							e['jobId'] === jobId
					)
				);
				// The job is not queued for another attempt either.
				assert.ok(t.jobChanges.every((job) => job.id !== jobId || job.attempts <= 1));
				const status = await call(
					t.url,
					'GET',
					`/api/v1/workspaces/${device.workspaceId}/outbox/${jobId}`,
					{ token: device.deviceToken }
				);
				assert.equal(field(status.body, 'status'), 'sent');
			} finally {
				await t.close();
				await smtp.close();
				await fs.rm(dataDir, { recursive: true, force: true });
			}
		});
	}

	it('survives a failing markRetry, logs it, backs off and still delivers once', async () => {
		const smtp = await startSmtpSink({ down: true });
		const { t, device, dataDir } = await relayWithFaults('outbox.markRetry@1-2', {
			BILLFOLD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`
		});
		try {
			const jobId = await send(t, device);
			const retrying = await t.waitForJob(
				(job) => job.id === jobId && job.status === 'queued' && job.errorRetryable === true
			);
			assert.match(retrying.errorReason ?? '', /unreachable/);
			const failures = events(t).filter(
				(e) => e['event'] === 'job-bookkeeping-failed' && e['operation'] === 'markRetry'
			);
			assert.deepEqual(
				failures.map((e) => [e['attempt'], e['error']]),
				[
					[1, 'InjectedFault:EINJECTED'],
					[2, 'InjectedFault:EINJECTED']
				]
			);
			smtp.up();
			await t.waitForJob((job) => job.id === jobId && job.status === 'sent');
			assert.equal(smtp.messages.length, 1);
			assert.equal((await call(t.url, 'GET', '/health')).status, 200);
		} finally {
			await t.close();
			await smtp.close();
			await fs.rm(dataDir, { recursive: true, force: true });
		}
	});

	it('survives a failing markFailed and records the failure once storage works again', async () => {
		const smtp = await startSmtpSink({ down: true });
		const { t, device, dataDir } = await relayWithFaults('outbox.markFailed@1', {
			BILLFOLD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
			BILLFOLD_MAX_ATTEMPTS: '1'
		});
		try {
			const jobId = await send(t, device);
			const failed = await t.waitForJob((job) => job.id === jobId && job.status === 'failed');
			assert.match(failed.errorReason ?? '', /Gave up after 1 attempts/);
			assert.ok(
				events(t).some(
					(e) => e['event'] === 'job-bookkeeping-failed' && e['operation'] === 'markFailed'
				)
			);
			assert.equal((await call(t.url, 'GET', '/health')).status, 200);
		} finally {
			await t.close();
			await smtp.close();
			await fs.rm(dataDir, { recursive: true, force: true });
		}
	});
});

describe('BILLFOLD_TEST_FAULTS', () => {
	it('is off unless set, and refused at start when it names an unknown operation', () => {
		assert.deepEqual(parseConfig({}, '/r').testFaults, []);
		assert.deepEqual(parseConfig({ BILLFOLD_TEST_FAULTS: 'durable@2-3' }, '/r').testFaults, [
			{ operation: 'durable', from: 2, to: 3 }
		]);
		assert.throws(
			() => parseConfig({ BILLFOLD_TEST_FAULTS: 'outbox.dropEverything' }, '/r'),
			(error: unknown) =>
				error instanceof ConfigError &&
				/BILLFOLD_TEST_FAULTS.*unknown operation outbox\.dropEverything/.test(error.message)
		);
	});
});
