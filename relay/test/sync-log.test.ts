import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import {
	decodeSyncFrames,
	encodePushFrames,
	encodeSyncFrames,
	serverMessageSchema,
	SYNC_FRAMES_MEDIA_TYPE,
	SYNC_MAX_PUSH_ROWS,
	SYNC_PUSH_FRAMES_MEDIA_TYPE,
	SYNC_POKE_MAX_ENVELOPE_CHARS
} from '../src/protocol/index.js';
import { call, field } from './helpers/http.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { joinDevice, registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

interface PulledRow {
	seq: number;
	docId: string;
	clientId: string;
	kind: string;
	envelope: string;
}

/** An opaque "ciphertext" of n bytes; the relay must hand it back unchanged. */
const envelope = (seed: number, n = 48) => Buffer.alloc(n, seed).toString('base64');

function push(
	t: TestRelay,
	device: DeviceCredentials,
	rows: { clientId: string; docId: string; envelope: string }[]
) {
	return call(t.url, 'POST', `/api/v1/workspaces/${device.workspaceId}/sync/push`, {
		token: device.deviceToken,
		json: { rows }
	});
}

async function pull(t: TestRelay, device: DeviceCredentials, after: number, limit = 1000) {
	const result = await call(
		t.url,
		'GET',
		`/api/v1/workspaces/${device.workspaceId}/sync/pull?after=${after}&limit=${limit}`,
		{ token: device.deviceToken }
	);
	assert.equal(result.status, 200, result.text);
	return {
		rows: field<PulledRow[]>(result.body, 'rows'),
		head: field<number>(result.body, 'head')
	};
}

/** The same page as sync frames, decoded, with envelopes as base64 to compare with the JSON page. */
async function pullFrames(t: TestRelay, device: DeviceCredentials, after: number, limit = 1000) {
	const response = await fetch(
		`${t.url}/api/v1/workspaces/${device.workspaceId}/sync/pull?after=${after}&limit=${limit}&format=binary`,
		{ headers: { authorization: `Bearer ${device.deviceToken}` } }
	);
	assert.equal(response.status, 200);
	assert.equal(response.headers.get('content-type'), SYNC_FRAMES_MEDIA_TYPE);
	const page = decodeSyncFrames(new Uint8Array(await response.arrayBuffer()));
	return {
		head: page.head,
		rows: page.rows.map((row) => ({
			...row,
			envelope: Buffer.from(row.envelope).toString('base64')
		}))
	};
}

/** An authenticated events socket of the device, with every message it received. */
async function listenTo(t: TestRelay, device: DeviceCredentials) {
	const socket = new WebSocket(
		`${t.url.replace('http', 'ws')}/api/v1/workspaces/${device.workspaceId}/events`
	);
	await once(socket, 'open');
	const messages: Record<string, unknown>[] = [];
	// A browser hands a binary frame over as a Blob, not text: every message must be a text frame
	// (the relay encodes a poke once as bytes for all sockets), so a binary one is marked and
	// fails the comparisons.
	socket.on('message', (data: Buffer, isBinary: boolean) =>
		messages.push({
			...(JSON.parse(data.toString()) as Record<string, unknown>),
			...(isBinary ? { binaryFrame: true } : {})
		})
	);
	socket.send(JSON.stringify({ type: 'auth', token: device.deviceToken }));
	const until = async (predicate: (m: Record<string, unknown>) => boolean) => {
		while (!messages.some(predicate)) await once(socket, 'message');
	};
	await until((m) => m['type'] === 'ready');
	return { socket, messages, until };
}

describe('sync log', () => {
	let t: TestRelay;
	let laptop: DeviceCredentials;
	let phone: DeviceCredentials;
	let stranger: DeviceCredentials;

	before(async () => {
		t = await startTestRelay();
		laptop = await registerWorkspace(t.url);
		phone = await joinDevice(t.url, laptop, 'phone');
		stranger = await registerWorkspace(t.url, 'stranger');
	});
	after(() => t.close());

	it('sequences pushes per workspace, dedupes client ids and pulls after a cursor', async () => {
		const first = await push(t, laptop, [
			{ clientId: 'client-a-1', docId: 'doc-1', envelope: envelope(1) },
			{ clientId: 'client-a-2', docId: 'doc-2', envelope: envelope(2) }
		]);
		assert.equal(first.status, 200, first.text);
		assert.deepEqual(field(first.body, 'acks'), [
			{ clientId: 'client-a-1', seq: 1 },
			{ clientId: 'client-a-2', seq: 2 }
		]);
		const retry = await push(t, phone, [
			{ clientId: 'client-a-2', docId: 'doc-2', envelope: envelope(2) },
			{ clientId: 'client-b-1', docId: 'doc-1', envelope: envelope(3) }
		]);
		assert.deepEqual(field(retry.body, 'acks'), [
			{ clientId: 'client-a-2', seq: 2 },
			{ clientId: 'client-b-1', seq: 3 }
		]);
		const all = await pull(t, phone, 0);
		assert.equal(all.head, 3);
		assert.deepEqual(
			all.rows.map((row) => [row.seq, row.docId, row.kind]),
			[
				[1, 'doc-1', 'update'],
				[2, 'doc-2', 'update'],
				[3, 'doc-1', 'update']
			]
		);
		assert.equal(all.rows[2]?.envelope, envelope(3));
		assert.deepEqual(
			(await pull(t, laptop, 1, 1)).rows.map((row) => row.seq),
			[2]
		);
		assert.deepEqual((await pull(t, stranger, 0)).rows, []);
	});

	it('gives concurrent pushes from several devices unique, gap-free sequence numbers', async () => {
		const start = (await pull(t, laptop, 0)).head;
		const devices = [laptop, phone, await joinDevice(t.url, laptop, 'tablet')];
		const results = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				push(t, devices[i % 3] as DeviceCredentials, [
					{ clientId: `burst-${i}-a`, docId: `doc-${i % 4}`, envelope: envelope(i) },
					{ clientId: `burst-${i}-b`, docId: `doc-${i % 4}`, envelope: envelope(i) }
				])
			)
		);
		const seqs = results
			.flatMap((result) => field<{ seq: number }[]>(result.body, 'acks'))
			.map((ack) => ack.seq)
			.sort((a, b) => a - b);
		assert.deepEqual(
			seqs,
			Array.from({ length: 60 }, (_, i) => start + i + 1)
		);
	});

	it('compacts a doc into a snapshot that replaces its older rows and keeps later ones', async () => {
		const docId = 'doc-compact';
		const acks = field<{ seq: number }[]>(
			(
				await push(t, laptop, [
					{ clientId: 'compact-1', docId, envelope: envelope(11) },
					{ clientId: 'compact-2', docId: 'doc-other', envelope: envelope(12) },
					{ clientId: 'compact-3', docId, envelope: envelope(13) }
				])
			).body,
			'acks'
		);
		const upToSeq = acks[0]?.seq ?? 0;
		const compacted = await call(
			t.url,
			'POST',
			`/api/v1/workspaces/${laptop.workspaceId}/sync/compact`,
			{
				token: laptop.deviceToken,
				json: { clientId: 'snapshot-1', docId, upToSeq, envelope: envelope(99, 64) }
			}
		);
		assert.equal(compacted.status, 200, compacted.text);
		assert.equal(field(compacted.body, 'removed'), 1);
		const rows = (await pull(t, phone, 0)).rows.filter(
			(row) => row.docId === docId || row.docId === 'doc-other'
		);
		assert.deepEqual(
			rows.map((row) => [row.clientId, row.kind]),
			[
				['compact-2', 'update'],
				['compact-3', 'update'],
				['snapshot-1', 'snapshot']
			]
		);
		const replay = await call(
			t.url,
			'POST',
			`/api/v1/workspaces/${laptop.workspaceId}/sync/compact`,
			{
				token: laptop.deviceToken,
				json: { clientId: 'snapshot-1', docId, upToSeq, envelope: envelope(99, 64) }
			}
		);
		assert.equal(field(replay.body, 'seq'), field(compacted.body, 'seq'));
		const late = await push(t, phone, [{ clientId: 'compact-1', docId, envelope: envelope(11) }]);
		assert.deepEqual(field(late.body, 'acks'), [{ clientId: 'compact-1', seq: upToSeq }]);
		const beyond = await call(
			t.url,
			'POST',
			`/api/v1/workspaces/${laptop.workspaceId}/sync/compact`,
			{
				token: laptop.deviceToken,
				json: { clientId: 'snapshot-2', docId, upToSeq: 1_000_000, envelope: envelope(1) }
			}
		);
		assert.equal(beyond.status, 400);
		assert.equal(field(beyond.body, 'error', 'fields', 0, 'path'), 'upToSeq');
	});

	it('pokes every device of the workspace, and only that workspace, over the events socket', async () => {
		// Fresh workspaces: a poke still pending from an earlier test's push cannot arrive here.
		const writer = await registerWorkspace(t.url, 'writer');
		const reader = await joinDevice(t.url, writer, 'reader');
		const outsider = await registerWorkspace(t.url, 'outsider');
		const readerSocket = await listenTo(t, reader);
		const outsiderSocket = await listenTo(t, outsider);
		const pushed = await push(t, writer, [
			{ clientId: 'poke-one-1', docId: 'doc-1', envelope: envelope(5) }
		]);
		const head = field<number>(pushed.body, 'head');
		await readerSocket.until((m) => m['type'] === 'sync' && m['head'] === head);
		const outsiderPush = await push(t, outsider, [
			{ clientId: 'poke-two-2', docId: 'doc-s', envelope: envelope(6) }
		]);
		const outsiderHead = field<number>(outsiderPush.body, 'head');
		await outsiderSocket.until((m) => m['type'] === 'sync' && m['head'] === outsiderHead);
		// Both workspaces are at head 1: a poke that crossed over would look like a second one.
		// The poke carries the new row exactly as stored, so the reader needs no pull.
		assert.deepEqual(
			readerSocket.messages.filter((m) => m['type'] === 'sync'),
			[
				{
					type: 'sync',
					head,
					rows: [
						{
							seq: head,
							docId: 'doc-1',
							clientId: 'poke-one-1',
							kind: 'update',
							envelope: envelope(5)
						}
					]
				}
			]
		);
		assert.deepEqual(
			outsiderSocket.messages
				.filter((m) => m['type'] === 'sync')
				.map((m) => serverMessageSchema.parse(m)),
			[
				{
					type: 'sync',
					head: outsiderHead,
					rows: [
						{
							seq: outsiderHead,
							docId: 'doc-s',
							clientId: 'poke-two-2',
							kind: 'update',
							envelope: envelope(6)
						}
					]
				}
			]
		);
		readerSocket.socket.close();
		outsiderSocket.socket.close();
	});

	it('pokes with the head alone when the new rows are larger than a poke may carry', async () => {
		const writer = await registerWorkspace(t.url, 'big-writer');
		const socket = await listenTo(t, writer);
		const big = Buffer.alloc(Math.ceil((SYNC_POKE_MAX_ENVELOPE_CHARS * 3) / 4) + 3, 9);
		const pushed = await push(t, writer, [
			{ clientId: 'poke-big-1', docId: 'doc-big', envelope: big.toString('base64') }
		]);
		assert.equal(pushed.status, 200, pushed.text);
		const head = field<number>(pushed.body, 'head');
		await socket.until((m) => m['type'] === 'sync' && m['head'] === head);
		assert.deepEqual(
			socket.messages.filter((m) => m['type'] === 'sync'),
			[{ type: 'sync', head }]
		);
		// The rows are still there for the pull the device makes instead.
		assert.equal((await pull(t, writer, head - 1)).rows[0]?.envelope, big.toString('base64'));
		socket.socket.close();
	});

	it('keeps the passphrase-wrapped key opaque, per workspace', async () => {
		const path = `/api/v1/workspaces/${laptop.workspaceId}/sync/key-wrap`;
		assert.equal((await call(t.url, 'GET', path, { token: laptop.deviceToken })).status, 404);
		const wrapped = { v: 1, kdf: 'argon2id', salt: 'c2FsdA', memoryKiB: 65536, ciphertext: 'abc' };
		assert.equal(
			(await call(t.url, 'PUT', path, { token: laptop.deviceToken, json: { wrapped } })).status,
			200
		);
		assert.deepEqual(
			field((await call(t.url, 'GET', path, { token: phone.deviceToken })).body, 'wrapped'),
			wrapped
		);
		assert.equal((await call(t.url, 'GET', path, { token: stranger.deviceToken })).status, 403);
	});

	it('answers 401 without a token, 403 for another workspace and 400 naming the field', async () => {
		const path = `/api/v1/workspaces/${laptop.workspaceId}/sync/push`;
		const rows = [{ clientId: 'auth-one-1', docId: 'doc-1', envelope: envelope(1) }];
		assert.equal((await call(t.url, 'POST', path, { json: { rows } })).status, 401);
		assert.equal(
			(await call(t.url, 'POST', path, { token: stranger.deviceToken, json: { rows } })).status,
			403
		);
		const bad = await call(t.url, 'POST', path, {
			token: laptop.deviceToken,
			json: { rows: [{ clientId: 'x', docId: 'doc 1', envelope: '***' }] }
		});
		assert.equal(bad.status, 400);
		const paths = new Set(
			field<{ path: string }[]>(bad.body, 'error', 'fields').map((f) => f.path)
		);
		assert.deepEqual([...paths].sort(), ['rows.0.clientId', 'rows.0.docId', 'rows.0.envelope']);
		const query = await call(
			t.url,
			'GET',
			`/api/v1/workspaces/${laptop.workspaceId}/sync/pull?after=-1`,
			{
				token: laptop.deviceToken
			}
		);
		assert.equal(query.status, 400);
		const format = await call(
			t.url,
			'GET',
			`/api/v1/workspaces/${laptop.workspaceId}/sync/pull?after=0&format=xml`,
			{ token: laptop.deviceToken }
		);
		assert.equal(format.status, 400);
		assert.deepEqual(
			field<{ path: string }[]>(format.body, 'error', 'fields').map((f) => f.path),
			['format']
		);
	});

	it('takes a push as sync frames: same acks, rows, dedupe and poke as a JSON push', async () => {
		const start = (await pull(t, laptop, 0)).head;
		const events = await listenTo(t, phone);
		const rows = [
			{ clientId: 'framepush-01', docId: 'invoice:fp-1', envelope: Buffer.alloc(64, 31) },
			{ clientId: 'framepush-02', docId: 'invoice:fp-2', envelope: Buffer.alloc(4000, 32) }
		];
		const pushFrames = (body: Uint8Array) =>
			call(t.url, 'POST', `/api/v1/workspaces/${laptop.workspaceId}/sync/push`, {
				token: laptop.deviceToken,
				rawBody: Buffer.from(body),
				headers: { 'content-type': SYNC_PUSH_FRAMES_MEDIA_TYPE }
			});
		const first = await pushFrames(encodePushFrames(rows));
		assert.equal(first.status, 200, first.text);
		assert.deepEqual(field(first.body, 'acks'), [
			{ clientId: 'framepush-01', seq: start + 1 },
			{ clientId: 'framepush-02', seq: start + 2 }
		]);
		// A retry of the same frames is answered with the first sequence numbers, nothing appended.
		const again = await pushFrames(encodePushFrames(rows));
		assert.deepEqual(field(again.body, 'acks'), field(first.body, 'acks'));
		assert.equal(field(again.body, 'head'), start + 2);
		const pulled = await pull(t, phone, start);
		assert.deepEqual(
			pulled.rows.map((row) => [row.clientId, row.docId, row.envelope]),
			rows.map((row) => [row.clientId, row.docId, row.envelope.toString('base64')])
		);
		await events.until((m) => m['type'] === 'sync' && m['head'] === start + 2);
		const poke = events.messages.find((m) => m['type'] === 'sync' && m['head'] === start + 2);
		assert.deepEqual(
			field<PulledRow[]>(poke, 'rows').map((row) => row.envelope),
			rows.map((row) => row.envelope.toString('base64'))
		);
		events.socket.close();
	});

	it('refuses bad push frames with the field that is wrong', async () => {
		const pushFrames = (body: Uint8Array, type = SYNC_PUSH_FRAMES_MEDIA_TYPE) =>
			call(t.url, 'POST', `/api/v1/workspaces/${laptop.workspaceId}/sync/push`, {
				token: laptop.deviceToken,
				rawBody: Buffer.from(body),
				headers: { 'content-type': type }
			});
		const paths = (body: unknown) =>
			field<{ path: string; message: string }[]>(body, 'error', 'fields').map(
				(f) => `${f.path}: ${f.message}`
			);
		const cut = await pushFrames(
			encodePushFrames([
				{ clientId: 'framebad-01', docId: 'd', envelope: Buffer.alloc(40) }
			]).subarray(0, 30)
		);
		assert.equal(cut.status, 400);
		assert.match(paths(cut.body)[0] ?? '', /^\(body\): sync pull page: rows\.0/);
		const fields = await pushFrames(
			encodePushFrames([{ clientId: 'x', docId: 'doc 1', envelope: Buffer.alloc(10) }])
		);
		assert.equal(fields.status, 400);
		assert.deepEqual(
			paths(fields.body)
				.map((p) => p.split(':')[0])
				.sort(),
			['rows.0.clientId', 'rows.0.docId', 'rows.0.envelope']
		);
		const pulled = encodeSyncFrames({
			head: 3,
			rows: [
				{
					seq: 3,
					kind: 'snapshot',
					clientId: 'framebad-02',
					docId: 'd',
					envelope: Buffer.alloc(40)
				}
			]
		});
		const notPush = await pushFrames(pulled);
		assert.equal(notPush.status, 400);
		assert.match(paths(notPush.body)[0] ?? '', /head must be 0 in a push/);
		const claimed = encodePushFrames([]);
		new DataView(claimed.buffer).setUint32(9, SYNC_MAX_PUSH_ROWS + 1);
		const tooMany = await pushFrames(claimed);
		assert.equal(tooMany.status, 400);
		assert.deepEqual(paths(tooMany.body), [`rows: at most ${SYNC_MAX_PUSH_ROWS} rows`]);
		const empty = await pushFrames(encodePushFrames([]));
		assert.equal(empty.status, 400);
		assert.deepEqual(paths(empty.body), ['rows: needs at least one row']);
		const wrongType = await pushFrames(encodePushFrames([]), 'application/octet-stream');
		assert.equal(wrongType.status, 415);
	});

	it('answers a pull as sync frames with the same rows as the JSON page', async () => {
		const start = (await pull(t, laptop, 0)).head;
		const pushed = await push(t, laptop, [
			{ clientId: 'frames-0001', docId: 'invoice:frames-1', envelope: envelope(21, 300) },
			{ clientId: 'frames-0002', docId: 'contact-2', envelope: envelope(22, 40) },
			{ clientId: 'frames-0003', docId: 'invoice:frames-1', envelope: envelope(23, 5000) }
		]);
		assert.equal(pushed.status, 200, pushed.text);
		for (const [after, limit] of [
			[start, 1000],
			[start + 1, 1],
			[start + 3, 10],
			[0, 2]
		] as const) {
			const json = await pull(t, phone, after, limit);
			assert.deepEqual(await pullFrames(t, phone, after, limit), json);
		}
		assert.equal((await pullFrames(t, phone, start)).rows.length, 3);
		assert.deepEqual((await pullFrames(t, stranger, 0)).rows, []);
	});
});
