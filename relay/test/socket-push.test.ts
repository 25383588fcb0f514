import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { encodeSocketPush, SOCKET_PUSH_MAX_BYTES } from '../src/protocol/index.js';
import { call, field } from './helpers/http.js';
import { decodeServerFrames, encodeFrame, rawUpgrade, textFrame } from './helpers/raw-websocket.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { joinDevice, registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

type Message = Record<string, unknown>;

const envelope = (fill: number) => new Uint8Array(48).fill(fill);
const row = (clientId: string, fill = 1) => ({
	clientId,
	docId: 'invoice:1',
	envelope: envelope(fill)
});

/** An authenticated events socket of `device`, with its messages in order and a way to await one. */
async function openSocket(t: TestRelay, device: DeviceCredentials) {
	const socket = new WebSocket(
		`${t.url.replace('http', 'ws')}/api/v1/workspaces/${device.workspaceId}/events`
	);
	const seen: Message[] = [];
	const waiters = new Set<{ predicate: (m: Message) => boolean; resolve: (m: Message) => void }>();
	socket.on('message', (data: Buffer) => {
		const message = JSON.parse(data.toString()) as Message;
		seen.push(message);
		for (const waiter of waiters)
			if (waiter.predicate(message)) {
				waiters.delete(waiter);
				waiter.resolve(message);
			}
	});
	const next = (predicate: (m: Message) => boolean) =>
		new Promise<Message>((resolve) => {
			const past = seen.find(predicate);
			if (past) resolve(past);
			else waiters.add({ predicate, resolve });
		});
	const closed = once(socket, 'close') as Promise<[number, Buffer]>;
	await once(socket, 'open');
	socket.send(JSON.stringify({ type: 'auth', token: device.deviceToken }));
	await next((m) => m['type'] === 'ready');
	let lastId = 0;
	return {
		socket,
		/** Every message so far, in the order the socket received them. */
		seen,
		next,
		closed,
		/** Sends a push and resolves with its answer (push-ack or push-error). */
		push(rows: Parameters<typeof encodeSocketPush>[1]): Promise<Message> {
			const id = ++lastId;
			socket.send(encodeSocketPush(id, rows));
			return next((m) => m['id'] === id);
		}
	};
}

async function pull(t: TestRelay, device: DeviceCredentials) {
	const page = await call(
		t.url,
		'GET',
		`/api/v1/workspaces/${device.workspaceId}/sync/pull?after=0`,
		{ token: device.deviceToken }
	);
	assert.equal(page.status, 200, page.text);
	return field<{ seq: number; clientId: string }[]>(page.body, 'rows');
}

describe('sync pushes over the events socket', () => {
	let t: TestRelay;
	before(async () => {
		t = await startTestRelay();
	});
	after(() => t.close());

	it('acknowledges a push with its sequence number and pokes the other devices with the row', async () => {
		const laptop = await registerWorkspace(t.url);
		const phone = await joinDevice(t.url, laptop, 'phone');
		const a = await openSocket(t, laptop);
		const b = await openSocket(t, phone);
		// What tells the app it may push here rather than over HTTP.
		assert.equal((await a.next((m) => m['type'] === 'ready'))['pushes'], true);
		const ack = await a.push([row('socket-row-0001')]);
		assert.deepEqual(ack, {
			type: 'push-ack',
			id: 1,
			acks: [{ clientId: 'socket-row-0001', seq: 1 }],
			head: 1
		});
		const poke = await b.next((m) => m['type'] === 'sync' && m['head'] === 1);
		assert.equal(field(poke, 'rows', 0, 'clientId'), 'socket-row-0001');
		assert.deepEqual(
			(await pull(t, phone)).map((r) => r.clientId),
			['socket-row-0001']
		);
		a.socket.close();
		b.socket.close();
	});

	it('answers the pushing socket without echoing the poke to it, and pokes the device’s other sockets', async () => {
		const laptop = await registerWorkspace(t.url);
		const a = await openSocket(t, laptop);
		const otherTab = await openSocket(t, laptop);
		const ack = await a.push([row('no-echo-0001')]);
		assert.equal(ack['type'], 'push-ack');
		const poke = await otherTab.next((m) => m['type'] === 'sync' && m['head'] === 1);
		assert.equal(field(poke, 'rows', 0, 'clientId'), 'no-echo-0001');
		// The other tab's push is poked to the first socket, after its own answer: it heard of
		// head 2, never of head 1 (one socket's messages arrive in the order they were sent).
		await otherTab.push([row('no-echo-0002', 2)]);
		await a.next((m) => m['type'] === 'sync' && m['head'] === 2);
		assert.deepEqual(
			a.seen.filter((m) => m['type'] === 'sync').map((m) => m['head']),
			[2],
			JSON.stringify(a.seen)
		);
		a.socket.close();
		otherTab.socket.close();
	});

	it('pokes the other devices before it answers the pusher', async () => {
		const laptop = await registerWorkspace(t.url);
		const phone = await joinDevice(t.url, laptop, 'phone');
		const a = await openSocket(t, laptop);
		const b = await openSocket(t, phone);
		// Both sockets' messages in the one order this process received them.
		const arrivals: string[] = [];
		for (const [name, socket] of [
			['a', a.socket],
			['b', b.socket]
		] as const)
			socket.on('message', (data: Buffer) =>
				arrivals.push(`${name}:${String((JSON.parse(data.toString()) as Message)['type'])}`)
			);
		assert.equal((await a.push([row('poke-first-01')]))['type'], 'push-ack');
		await b.next((m) => m['type'] === 'sync' && m['head'] === 1);
		assert.deepEqual(arrivals, ['b:sync', 'a:push-ack']);
		a.socket.close();
		b.socket.close();
	});

	it('gives a client id replayed over the socket and over HTTP one row and one sequence number', async () => {
		const laptop = await registerWorkspace(t.url);
		const a = await openSocket(t, laptop);
		const first = await a.push([row('replayed-0001'), row('fresh-00001', 2)]);
		const overHttp = await call(
			t.url,
			'POST',
			`/api/v1/workspaces/${laptop.workspaceId}/sync/push`,
			{
				token: laptop.deviceToken,
				json: {
					rows: [
						{
							clientId: 'replayed-0001',
							docId: 'invoice:1',
							envelope: Buffer.from(envelope(1)).toString('base64')
						}
					]
				}
			}
		);
		assert.equal(overHttp.status, 200, overHttp.text);
		const again = await a.push([row('replayed-0001')]);
		assert.deepEqual(field(first, 'acks', 0), { clientId: 'replayed-0001', seq: 1 });
		assert.deepEqual(field(overHttp.body, 'acks', 0), { clientId: 'replayed-0001', seq: 1 });
		assert.deepEqual(field(again, 'acks', 0), { clientId: 'replayed-0001', seq: 1 });
		assert.deepEqual(
			(await pull(t, laptop)).map((r) => r.clientId),
			['replayed-0001', 'fresh-00001']
		);
		a.socket.close();
	});

	it('answers bad pushes with the field and rule, and keeps serving the socket', async () => {
		const laptop = await registerWorkspace(t.url);
		const a = await openSocket(t, laptop);
		const badId = await a.push([
			{ clientId: 'no spaces!', docId: 'invoice:1', envelope: envelope(1) }
		]);
		assert.equal(badId['type'], 'push-error');
		assert.equal(badId['status'], 400);
		assert.deepEqual(field(badId, 'error', 'fields', 0), {
			path: 'rows.0.clientId',
			message: 'must be letters, digits or "-"'
		});
		// A request id followed by bytes that are not sync frames.
		a.socket.send(Buffer.from([0, 0, 0, 9, 7, 7, 7]));
		const garbage = await a.next((m) => m['id'] === 9);
		assert.equal(garbage['status'], 400);
		assert.equal(field(garbage, 'error', 'code'), 'invalid-request');
		assert.equal(field(garbage, 'error', 'fields', 0, 'path'), '(body)');
		const fine = await a.push([row('after-errors-1')]);
		assert.equal(fine['type'], 'push-ack');
		a.socket.close();
	});

	it('closes the socket on a message that is no push, or too large, and serves the next one', async () => {
		const laptop = await registerWorkspace(t.url);
		const short = await openSocket(t, laptop);
		short.socket.send(Buffer.from([1, 2]));
		assert.equal((await short.closed)[0], 4400);

		const text = await openSocket(t, laptop);
		text.socket.send(JSON.stringify({ type: 'push', rows: [] }));
		assert.equal((await text.closed)[0], 4400);

		const large = await openSocket(t, laptop);
		large.socket.send(new Uint8Array(SOCKET_PUSH_MAX_BYTES + 1));
		assert.equal((await large.closed)[0], 1009);

		const next = await openSocket(t, laptop);
		assert.equal((await next.push([row('after-close-01')]))['type'], 'push-ack');
		assert.equal((await call(t.url, 'GET', '/health')).status, 200);
		next.socket.close();
		assert.deepEqual(
			t.logs.filter((line) => line.includes('"level":"error"')),
			[]
		);
	});

	it('refuses a revoked device’s push and closes its socket 4401', async () => {
		const laptop = await registerWorkspace(t.url);
		const phone = await joinDevice(t.url, laptop, 'lost phone');
		const lost = await openSocket(t, phone);
		assert.equal((await lost.push([row('before-revoke')]))['type'], 'push-ack');
		const revoke = await call(
			t.url,
			'DELETE',
			`/api/v1/workspaces/${laptop.workspaceId}/devices/${phone.deviceId}`,
			{ token: laptop.deviceToken }
		);
		assert.equal(revoke.status, 200);
		if (lost.socket.readyState === WebSocket.OPEN)
			lost.socket.send(encodeSocketPush(2, [row('after-revoke')]));
		assert.equal((await lost.closed)[0], 4401);
		assert.deepEqual(
			(await pull(t, laptop)).map((r) => r.clientId),
			['before-revoke']
		);
	});

	it('bounds the pushes in flight on one socket: answers those, then closes it 4400', async () => {
		const laptop = await registerWorkspace(t.url);
		const raw = await rawUpgrade(t.url, `/api/v1/workspaces/${laptop.workspaceId}/events`);
		assert.equal(raw.status, 101);
		let bytes = raw.rest;
		const frames = () => decodeServerFrames(bytes);
		const texts = () =>
			frames()
				.filter((f) => f.opcode === 1)
				.map((f) => JSON.parse(f.payload.toString('utf8')) as Message);
		let wake = () => undefined as void;
		raw.socket.on('data', (chunk: Buffer) => {
			bytes = Buffer.concat([bytes, chunk]);
			wake();
		});
		const until = (done: () => boolean) =>
			new Promise<void>((resolve) => {
				wake = () => done() && resolve();
				wake();
			});
		raw.socket.write(textFrame(JSON.stringify({ type: 'auth', token: laptop.deviceToken })));
		await until(() => texts().some((m) => m['type'] === 'ready'));
		// One write: the relay reads every push before it can answer any.
		const pushes = Array.from({ length: 20 }, (_, i) =>
			encodeFrame({
				opcode: 2,
				payload: Buffer.from(
					encodeSocketPush(i + 1, [row(`in-flight-${String(i).padStart(3, '0')}`)])
				)
			})
		);
		raw.socket.write(Buffer.concat(pushes));
		const answers = () => texts().filter((m) => typeof m['id'] === 'number');
		// Or every push answered: what a relay without the cap does.
		await until(() => frames().some((f) => f.opcode === 8) || answers().length === 20);
		assert.deepEqual(
			answers().map((m) => m['type']),
			Array<string>(8).fill('push-ack')
		);
		const close = frames().find((f) => f.opcode === 8);
		assert.equal(close?.payload.readUInt16BE(0), 4400);
		assert.equal((await pull(t, laptop)).length, 8);
		raw.socket.destroy();
	});
});

describe('sync pushes over the events socket when the flush fails', () => {
	let t: TestRelay;
	before(async () => {
		// The first flush is the registration's; the second is the push's group.
		t = await startTestRelay({ BILLFOLD_TEST_FAULTS: 'durable@2' });
	});
	after(() => t.close());

	it('answers only once the rows are durable: a failed flush is an error, never an ack', async () => {
		const laptop = await registerWorkspace(t.url);
		const a = await openSocket(t, laptop);
		const failed = await a.push([row('flush-fails-1')]);
		assert.equal(failed['type'], 'push-error');
		assert.equal(failed['status'], 500);
		const retried = await a.push([row('flush-fails-1')]);
		assert.equal(retried['type'], 'push-ack');
		assert.deepEqual(
			(await pull(t, laptop)).map((r) => r.clientId),
			['flush-fails-1']
		);
		a.socket.close();
	});
});
