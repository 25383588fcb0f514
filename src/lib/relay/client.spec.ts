import { describe, expect, it } from 'vitest';
import { answeringFetch, jsonResponse as json } from '../../../tests/factories';
import { decodePushFrames, SYNC_PUSH_FRAMES_MEDIA_TYPE } from '$protocol';
import { createRelayClient, type RelaySocket } from './client';

const WS = '0190a3c4-0000-7000-8000-000000000001';
const JOB = '0190a3c4-0000-7000-8000-000000000003';
const INVOICE = '0190a3c4-0000-7000-8000-000000000004';

const job = {
	jobId: JOB,
	invoiceId: INVOICE,
	documentType: 'invoice',
	status: 'sent',
	channel: 'email',
	recipient: null,
	attempts: 1,
	nextAttemptAt: null,
	messageId: '<x@y>',
	error: null,
	warnings: [],
	createdAt: '2026-01-01T10:00:00.000Z',
	updatedAt: '2026-01-01T10:00:01.000Z',
	sentAt: '2026-01-01T10:00:01.000Z',
	contentDeleted: false
};

class FakeSocket implements RelaySocket {
	static last: FakeSocket | undefined;
	sent: (string | Uint8Array)[] = [];
	listeners = new Map<string, ((event: never) => void)[]>();
	constructor(readonly url: string) {
		FakeSocket.last = this;
	}
	send(data: string | Uint8Array) {
		this.sent.push(data);
	}
	close() {}
	addEventListener(type: string, listener: (event: never) => void) {
		this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
	}
	emit(type: string, event: unknown) {
		for (const listener of this.listeners.get(type) ?? []) listener(event as never);
	}
}

const credentials = {
	relayUrl: 'https://relay.test',
	workspaceId: WS,
	deviceId: '0190a3c4-0000-7000-8000-000000000002',
	deviceToken: 'bf_dev_token'
};

describe('relay client', () => {
	it('sends the device token and parses the answer with the protocol schema', async () => {
		const { calls, fetch } = answeringFetch([
			json(201, {
				invoiceId: INVOICE,
				seriesId: 'INV',
				number: 7,
				issueDate: '2026-01-02',
				issuedAt: '2026-01-02T08:00:00.000Z',
				replayed: false
			})
		]);
		const client = createRelayClient({
			baseUrl: 'https://relay.test/',
			fetch,
			WebSocket: FakeSocket,
			credentials
		});
		const result = await client.issueNumber('INV', { invoiceId: INVOICE, issueDate: '2026-01-02' });
		expect(result).toEqual({ ok: true, value: expect.objectContaining({ number: 7 }) });
		expect(calls[0]?.url).toBe(`https://relay.test/api/v1/workspaces/${WS}/series/INV/issue`);
		expect(calls[0]?.auth).toBe('Bearer bf_dev_token');
	});

	it('hands a push to fetch as a Blob holding exactly its frames (see bytesBody)', async () => {
		const sent: { body: unknown; type: string | null }[] = [];
		const fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
			sent.push({ body: init?.body, type: new Headers(init?.headers).get('content-type') });
			return json(200, { acks: [{ clientId: INVOICE, seq: 1 }], head: 1 });
		}) as typeof globalThis.fetch;
		const client = createRelayClient({
			baseUrl: 'https://relay.test',
			fetch,
			WebSocket: FakeSocket,
			credentials
		});
		const row = { clientId: INVOICE, docId: JOB, envelope: new Uint8Array([1, 2, 3, 250]) };
		const result = await client.pushSyncFrames([row]);
		expect(result).toEqual({ ok: true, value: { acks: [{ clientId: INVOICE, seq: 1 }], head: 1 } });
		const body = sent[0]?.body;
		expect(body).toBeInstanceOf(Blob);
		expect(sent[0]?.type).toBe(SYNC_PUSH_FRAMES_MEDIA_TYPE);
		const bytes = new Uint8Array(await (body as Blob).arrayBuffer());
		expect(decodePushFrames(bytes, 10)).toEqual([row]);
	});

	it('refuses an invalid request before it leaves the device, naming the field', async () => {
		const { calls, fetch } = answeringFetch([]);
		const client = createRelayClient({
			baseUrl: 'https://relay.test',
			fetch,
			WebSocket: FakeSocket,
			credentials
		});
		const result = await client.issueNumber('INV', { invoiceId: 'nope', issueDate: '2026-01-02' });
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(result.error).toMatchObject({ kind: 'invalid', fields: [{ path: 'invoiceId' }] });
		expect(calls).toHaveLength(0);
	});

	it('turns error bodies, network failures and unexpected answers into typed errors', async () => {
		const { fetch } = answeringFetch([
			json(403, { error: { code: 'forbidden', message: 'another workspace' } }),
			json(200, { unexpected: true })
		]);
		const client = createRelayClient({
			baseUrl: 'https://relay.test',
			fetch,
			WebSocket: FakeSocket,
			credentials
		});
		expect(await client.getJob(JOB)).toEqual({
			ok: false,
			error: {
				kind: 'http',
				status: 403,
				code: 'forbidden',
				message: 'another workspace',
				fields: []
			}
		});
		expect(await client.getJob(JOB)).toMatchObject({ ok: false, error: { kind: 'protocol' } });
		expect(await client.getJob(JOB)).toMatchObject({ ok: false, error: { kind: 'network' } });
	});

	it('needs credentials for workspace routes', async () => {
		const { fetch } = answeringFetch([]);
		const client = createRelayClient({
			baseUrl: 'https://relay.test',
			fetch,
			WebSocket: FakeSocket
		});
		expect(await client.listJobs()).toMatchObject({
			ok: false,
			error: { kind: 'unauthenticated' }
		});
	});

	it('authenticates the event socket with its first message and reports job changes and closes', () => {
		const { fetch } = answeringFetch([]);
		const client = createRelayClient({
			baseUrl: 'https://relay.test',
			fetch,
			WebSocket: FakeSocket,
			credentials
		});
		const jobs: unknown[] = [];
		const closes: unknown[] = [];
		client.subscribe({ onJob: (j) => jobs.push(j), onClose: (e) => closes.push(e) });
		const socket = FakeSocket.last;
		expect(socket?.url).toBe(`wss://relay.test/api/v1/workspaces/${WS}/events`);
		socket?.emit('open', {});
		expect(socket?.sent).toEqual([JSON.stringify({ type: 'auth', token: 'bf_dev_token' })]);
		socket?.emit('message', { data: JSON.stringify({ type: 'job', job }) });
		socket?.emit('message', { data: '{"type":"job","job":{"broken":true}}' });
		// A job from a relay before resends counts as the first send.
		expect(jobs).toEqual([{ ...job, resend: 0 }]);
		socket?.emit('close', { code: 4401, reason: 'device revoked' });
		expect(closes).toEqual([
			{ code: 4401, reason: 'device revoked', unauthorized: true, forbidden: false }
		]);
	});

	it('pushes over the socket only when the relay says it takes pushes there', () => {
		const { fetch } = answeringFetch([]);
		const client = createRelayClient({
			baseUrl: 'https://relay.test',
			fetch,
			WebSocket: FakeSocket,
			credentials
		});
		const rows = [{ clientId: 'row-000001', docId: 'invoice:1', envelope: new Uint8Array(8) }];
		const ready = { type: 'ready', workspaceId: WS, deviceId: credentials.deviceId };

		// A relay before socket pushes closes the socket on a binary message: push over HTTP.
		const older = client.subscribe({});
		FakeSocket.last?.emit('open', {});
		FakeSocket.last?.emit('message', { data: JSON.stringify(ready) });
		expect(older.push(rows)).toBeUndefined();
		expect(FakeSocket.last?.sent).toHaveLength(1);

		const current = client.subscribe({});
		FakeSocket.last?.emit('open', {});
		FakeSocket.last?.emit('message', { data: JSON.stringify({ ...ready, pushes: true }) });
		expect(current.push(rows)).toBeInstanceOf(Promise);
		expect(FakeSocket.last?.sent[1]).toBeInstanceOf(Uint8Array);
		FakeSocket.last?.emit('close', { code: 1000, reason: 'done' });
	});
});
