import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { call } from './helpers/http.js';
import { sendRequest } from './helpers/send-request.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { joinDevice, registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

function connect(t: TestRelay, workspaceId: string): WebSocket {
	return new WebSocket(`${t.url.replace('http', 'ws')}/api/v1/workspaces/${workspaceId}/events`);
}

async function closeCode(socket: WebSocket): Promise<number> {
	const [code] = (await once(socket, 'close')) as [number];
	return code;
}

/** Collects parsed messages and lets a test await the first one that matches. */
function messages(socket: WebSocket) {
	const seen: Record<string, unknown>[] = [];
	const waiters: {
		predicate: (m: Record<string, unknown>) => boolean;
		resolve: (m: Record<string, unknown>) => void;
	}[] = [];
	socket.on('message', (data: Buffer) => {
		const message = JSON.parse(data.toString()) as Record<string, unknown>;
		seen.push(message);
		for (const w of [...waiters]) {
			if (w.predicate(message)) {
				waiters.splice(waiters.indexOf(w), 1);
				w.resolve(message);
			}
		}
	});
	return (predicate: (m: Record<string, unknown>) => boolean) =>
		new Promise<Record<string, unknown>>((resolve) => {
			const past = seen.find(predicate);
			if (past) resolve(past);
			else waiters.push({ predicate, resolve });
		});
}

describe('event WebSocket', () => {
	let t: TestRelay;
	let alice: DeviceCredentials;
	let bob: DeviceCredentials;

	before(async () => {
		t = await startTestRelay();
		alice = await registerWorkspace(t.url);
		bob = await registerWorkspace(t.url);
	});
	after(() => t.close());

	it('closes 4401 for a bad token and 4403 for another workspace', async () => {
		const bad = connect(t, alice.workspaceId);
		await once(bad, 'open');
		bad.send(JSON.stringify({ type: 'auth', token: 'bf_dev_nope' }));
		assert.equal(await closeCode(bad), 4401);

		const foreign = connect(t, alice.workspaceId);
		await once(foreign, 'open');
		foreign.send(JSON.stringify({ type: 'auth', token: bob.deviceToken }));
		assert.equal(await closeCode(foreign), 4403);

		const garbage = connect(t, alice.workspaceId);
		await once(garbage, 'open');
		garbage.send('{not json');
		assert.equal(await closeCode(garbage), 4400);
	});

	it('pushes every status change of the workspace’s jobs after authentication', async () => {
		const socket = connect(t, alice.workspaceId);
		const next = messages(socket);
		await once(socket, 'open');
		socket.send(JSON.stringify({ type: 'auth', token: alice.deviceToken }));
		assert.equal((await next((m) => m['type'] === 'ready'))['workspaceId'], alice.workspaceId);

		const request = sendRequest({ channel: 'email' });
		const accepted = await call(t.url, 'POST', `/api/v1/workspaces/${alice.workspaceId}/outbox`, {
			token: alice.deviceToken,
			json: request
		});
		assert.equal(accepted.status, 202);
		const sent = await next(
			(m) => m['type'] === 'job' && (m['job'] as Record<string, unknown>)['status'] === 'sent'
		);
		assert.equal((sent['job'] as Record<string, unknown>)['invoiceId'], request['invoiceId']);
		socket.close();
	});

	it('disconnects a device the moment it is revoked', async () => {
		const phone = await joinDevice(t.url, alice, 'phone');
		const socket = connect(t, alice.workspaceId);
		const next = messages(socket);
		await once(socket, 'open');
		socket.send(JSON.stringify({ type: 'auth', token: phone.deviceToken }));
		await next((m) => m['type'] === 'ready');
		const closed = closeCode(socket);
		await call(
			t.url,
			'DELETE',
			`/api/v1/workspaces/${alice.workspaceId}/devices/${phone.deviceId}`,
			{ token: alice.deviceToken }
		);
		assert.equal(await closed, 4401);
	});
});
