import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, field } from './helpers/http.js';
import { rawUpgrade, serverClose, textFrame } from './helpers/raw-websocket.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { registerWorkspace } from './helpers/workspace.js';

/** Runs `body` against a fresh relay, so no test shares another's buckets or timers. */
async function withRelay(env: Record<string, string>, body: (t: TestRelay) => Promise<void>) {
	const t = await startTestRelay(env);
	try {
		await body(t);
	} finally {
		await t.close();
	}
}

/** A bucket of three requests that refills at one a minute: the fourth is limited. */
const tightHttp = { BILLFOLD_RATE_LIMIT_BURST: '3', BILLFOLD_RATE_LIMIT_PER_MINUTE: '1' };

const info = (t: TestRelay, forwardedFor: string) =>
	call(t.url, 'GET', '/api/v1/info', { headers: { 'x-forwarded-for': forwardedFor } });

describe('per-address limits at the HTTP and WebSocket edge', () => {
	it('behind one trusted proxy, the address the proxy saw is limited, whatever the client puts left of it', async () => {
		await withRelay({ ...tightHttp, BILLFOLD_TRUST_PROXY: 'true' }, async (t) => {
			const statuses: number[] = [];
			for (let i = 0; i < 4; i++) statuses.push((await info(t, `10.9.8.${i}, 203.0.113.7`)).status);
			assert.deepEqual(statuses, [200, 200, 200, 429]);
			// Another client behind the same proxy has its own bucket.
			assert.equal((await info(t, '10.9.8.1, 203.0.113.8')).status, 200);
		});
	});

	it('takes the client address a configured number of hops from the right', async () => {
		await withRelay({ ...tightHttp, BILLFOLD_TRUST_PROXY: '2' }, async (t) => {
			const statuses: number[] = [];
			for (let i = 0; i < 4; i++)
				statuses.push((await info(t, `10.9.8.${i}, 198.51.100.9, 10.0.0.2`)).status);
			assert.deepEqual(statuses, [200, 200, 200, 429]);
			assert.equal((await info(t, '10.9.8.1, 198.51.100.10, 10.0.0.2')).status, 200);
		});
	});

	it('ignores X-Forwarded-For unless a proxy is trusted', async () => {
		await withRelay(tightHttp, async (t) => {
			const statuses: number[] = [];
			for (let i = 0; i < 4; i++) statuses.push((await info(t, `198.51.100.${i}`)).status);
			assert.deepEqual(statuses, [200, 200, 200, 429]);
		});
	});

	it('limits requests with bad or missing tokens per address, without locking out valid tokens', async () => {
		await withRelay(tightHttp, async (t) => {
			const device = await registerWorkspace(t.url); // the address's first request
			const session = (token?: string) => call(t.url, 'GET', '/api/v1/session', { token });
			assert.equal((await session('bf_dev_guess-1')).status, 401);
			assert.equal((await session()).status, 401);
			const limited = await session('bf_dev_guess-3');
			assert.equal(limited.status, 429);
			assert.equal(field(limited.body, 'error', 'code'), 'rate-limited');
			assert.ok(Number(limited.headers.get('retry-after')) >= 1);
			// The device's own workspace bucket is untouched.
			assert.equal((await session(device.deviceToken)).status, 200);
		});
	});

	it('caps the sockets one address holds open before authenticating', async () => {
		await withRelay({ BILLFOLD_WS_MAX_PENDING_PER_ADDRESS: '2' }, async (t) => {
			const device = await registerWorkspace(t.url);
			const path = `/api/v1/workspaces/${device.workspaceId}/events`;
			const first = await rawUpgrade(t.url, path);
			const second = await rawUpgrade(t.url, path);
			assert.deepEqual([first.status, second.status], [101, 101]);
			const third = await rawUpgrade(t.url, path);
			third.socket.destroy();
			assert.equal(third.status, 429);
			// An authenticated socket no longer counts against the cap.
			first.socket.write(textFrame(JSON.stringify({ type: 'auth', token: device.deviceToken })));
			await new Promise<void>((resolve) =>
				first.socket.on('data', (chunk: Buffer) => {
					if (chunk.includes('"ready"')) resolve();
				})
			);
			const fourth = await rawUpgrade(t.url, path);
			assert.equal(fourth.status, 101);
			for (const answer of [first, second, fourth]) answer.socket.destroy();
		});
	});

	it('limits WebSocket upgrade attempts per address, also behind a proxy', async () => {
		await withRelay(
			{
				BILLFOLD_WS_UPGRADE_BURST: '3',
				BILLFOLD_WS_UPGRADES_PER_MINUTE: '1',
				BILLFOLD_TRUST_PROXY: '1'
			},
			async (t) => {
				const device = await registerWorkspace(t.url);
				const path = `/api/v1/workspaces/${device.workspaceId}/events`;
				const statuses: (number | undefined)[] = [];
				for (let i = 0; i < 4; i++) {
					const answer = await rawUpgrade(t.url, path, {
						Upgrade: 'websocket',
						Connection: 'Upgrade',
						'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
						'Sec-WebSocket-Version': '13',
						'X-Forwarded-For': `10.1.1.${i}, 203.0.113.20`
					});
					statuses.push(answer.status);
					if (answer.status === 101) {
						answer.socket.write(textFrame('{"type":"auth","token":"bf_dev_guess"}'));
						assert.equal((await serverClose(answer)).code, 4401);
					}
					answer.socket.destroy();
				}
				assert.deepEqual(statuses, [101, 101, 101, 429]);
			}
		);
	});
});
