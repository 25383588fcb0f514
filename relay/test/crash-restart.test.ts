import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { call, field } from './helpers/http.js';
import { sendRequest } from './helpers/send-request.js';
import { startSmtpSink } from './helpers/smtp-sink.js';
import { makeStaticDir, makeTempDir } from './helpers/test-relay.js';
import { registerWorkspace, TEST_INVITE_TOKEN } from './helpers/workspace.js';

const relayDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const mainJs = path.join(relayDir, 'dist/main.js');

interface RelayProcess {
	child: ChildProcess;
	url: string;
	events: Record<string, unknown>[];
	/** Resolves with the first structured log event that matches. */
	waitForEvent(
		predicate: (event: Record<string, unknown>) => boolean
	): Promise<Record<string, unknown>>;
}

/** Spawns the built relay (dist/main.js), exactly as `npm start` runs it, and reads its JSON log. */
async function spawnRelay(env: Record<string, string>): Promise<RelayProcess> {
	const child = spawn(process.execPath, [mainJs], {
		env: { PATH: process.env['PATH'] ?? '', ...env },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const events: Record<string, unknown>[] = [];
	const waiters: {
		predicate: (e: Record<string, unknown>) => boolean;
		resolve: (e: Record<string, unknown>) => void;
	}[] = [];
	if (child.stdout === null) throw new Error('no stdout');
	readline.createInterface({ input: child.stdout }).on('line', (line) => {
		if (!line.startsWith('{')) return;
		const event = JSON.parse(line) as Record<string, unknown>;
		events.push(event);
		for (const waiter of [...waiters]) {
			if (waiter.predicate(event)) {
				waiters.splice(waiters.indexOf(waiter), 1);
				waiter.resolve(event);
			}
		}
	});
	const waitForEvent = (predicate: (e: Record<string, unknown>) => boolean) =>
		new Promise<Record<string, unknown>>((resolve, reject) => {
			const past = events.find(predicate);
			if (past !== undefined) return resolve(past);
			waiters.push({ predicate, resolve });
			child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
		});
	const listening = await waitForEvent((e) => e['event'] === 'listening');
	return { child, url: String(listening['url']), events, waitForEvent };
}

describe('crash between accepting and delivering', () => {
	const cleanup: (() => Promise<unknown>)[] = [];
	after(async () => {
		for (const step of cleanup.reverse()) await step();
	});

	it('a relay SIGKILLed mid-delivery delivers the job exactly once after restart', async () => {
		const dataDir = await makeTempDir('crash');
		const staticDir = await makeStaticDir();
		cleanup.push(
			() => fs.rm(dataDir, { recursive: true, force: true }),
			() => fs.rm(staticDir, { recursive: true, force: true })
		);
		const smtp = await startSmtpSink();
		cleanup.push(() => smtp.close());
		const env = {
			BILLFOLD_PORT: '0',
			BILLFOLD_DATA_DIR: dataDir,
			BILLFOLD_STATIC_DIR: staticDir,
			BILLFOLD_INVITE_TOKEN: TEST_INVITE_TOKEN,
			BILLFOLD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
			BILLFOLD_RETRY_BASE_MS: '50',
			BILLFOLD_RETRY_MAX_MS: '200'
		};

		// The SMTP server holds the first connection: the job is accepted and its delivery under way.
		let release: (() => void) | undefined;
		const held = new Promise<void>((resolve) =>
			smtp.holdConnections((r) => {
				release = r;
				resolve();
			})
		);
		const first = await spawnRelay(env);
		cleanup.push(async () => first.child.kill('SIGKILL'));
		const device = await registerWorkspace(first.url);
		const request = sendRequest({ channel: 'email' });
		const accepted = await call(
			first.url,
			'POST',
			`/api/v1/workspaces/${device.workspaceId}/outbox`,
			{
				token: device.deviceToken,
				json: request
			}
		);
		assert.equal(accepted.status, 202);
		const jobId = field<string>(accepted.body, 'jobId');
		await held;

		const exited = once(first.child, 'exit');
		first.child.kill('SIGKILL');
		await exited;
		smtp.holdConnections(undefined);
		release?.();
		assert.equal(smtp.messages.length, 0);

		const second = await spawnRelay(env);
		cleanup.push(async () => {
			second.child.kill('SIGTERM');
			await once(second.child, 'exit');
		});
		await second.waitForEvent((e) => e['event'] === 'job-sent' && e['jobId'] === jobId);
		assert.ok(second.events.some((e) => e['event'] === 'jobs-requeued-after-restart'));
		await smtp.waitForMessages(1);
		const status = await call(
			second.url,
			'GET',
			`/api/v1/workspaces/${device.workspaceId}/outbox/${jobId}`,
			{
				token: device.deviceToken
			}
		);
		assert.equal(field(status.body, 'status'), 'sent');
		assert.equal(smtp.messages.length, 1);
		assert.equal(smtp.messages[0]?.messageId, `<${jobId}@localhost>`);

		// Posting the invoice again after the restart does not send it again.
		const replay = await call(
			second.url,
			'POST',
			`/api/v1/workspaces/${device.workspaceId}/outbox`,
			{
				token: device.deviceToken,
				json: request
			}
		);
		assert.equal(field(replay.body, 'duplicate'), true);
		assert.equal(smtp.messages.length, 1);
	});
});
