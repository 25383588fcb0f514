import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { call, field } from './helpers/http.js';
import { sendRequest } from './helpers/send-request.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

/** A raw request with a declared length larger than what is actually sent (fetch would refuse). */
function rawPost(
	url: string,
	path: string,
	headers: Record<string, string>,
	body: Buffer
): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = http.request(url + path, { method: 'POST', headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })
			);
		});
		req.on('error', reject);
		req.end(body);
	});
}

/** A chunked upload with no Content-Length, so the cap can only be enforced while streaming. */
function chunkedPost(
	url: string,
	path: string,
	token: string,
	body: Buffer
): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const headers = {
			authorization: `Bearer ${token}`,
			'content-type': 'application/json',
			'transfer-encoding': 'chunked'
		};
		const req = http.request(url + path, { method: 'POST', headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })
			);
		});
		req.on('error', reject);
		const piece = 64 * 1024;
		let offset = 0;
		const pump = (): void => {
			while (offset < body.length) {
				const more = req.write(body.subarray(offset, offset + piece));
				offset += piece;
				if (!more) {
					req.once('drain', pump);
					return;
				}
			}
			req.end();
		};
		pump();
	});
}

describe('bad input', () => {
	let t: TestRelay;
	let device: DeviceCredentials;
	let outbox: string;

	before(async () => {
		t = await startTestRelay({ BILLFOLD_MAX_REQUEST_BYTES: String(4 * 1024 * 1024) });
		device = await registerWorkspace(t.url);
		outbox = `/api/v1/workspaces/${device.workspaceId}/outbox`;
	});
	after(() => t.close());

	it('refuses an attachment over 2 MB with 413 naming the attachment', async () => {
		const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2 * 1024 * 1024, 7)]);
		const result = await call(t.url, 'POST', outbox, {
			token: device.deviceToken,
			json: sendRequest({
				attachments: [
					{
						fileName: 'huge.pdf',
						mimeType: 'application/pdf',
						contentBase64: big.toString('base64')
					}
				]
			})
		});
		assert.equal(result.status, 413);
		assert.equal(field(result.body, 'error', 'code'), 'payload-too-large');
		assert.equal(field(result.body, 'error', 'fields', 0, 'path'), 'attachments.0.contentBase64');
		assert.deepEqual(
			field(await call(t.url, 'GET', outbox, { token: device.deviceToken }), 'body', 'jobs'),
			[]
		);
	});

	it('refuses a whole request over the cap with 413, declared or streamed', async () => {
		const attachments = Array.from({ length: 3 }, (_, i) => ({
			fileName: `part-${i}.bin`,
			mimeType: 'application/octet-stream',
			contentBase64: Buffer.alloc(1_500_000, i).toString('base64')
		}));
		const sized = await call(t.url, 'POST', outbox, {
			token: device.deviceToken,
			json: sendRequest({ attachments })
		});
		assert.equal(sized.status, 413);
		const streamed = await chunkedPost(
			t.url,
			outbox,
			device.deviceToken,
			Buffer.from(JSON.stringify(sendRequest({ attachments })))
		);
		assert.equal(streamed.status, 413);
		assert.equal(field(JSON.parse(streamed.body), 'error', 'code'), 'payload-too-large');
		const declared = await rawPost(
			t.url,
			outbox,
			{
				authorization: `Bearer ${device.deviceToken}`,
				'content-type': 'application/json',
				'content-length': String(64 * 1024 * 1024)
			},
			Buffer.from('{}')
		);
		assert.equal(declared.status, 413);
		// Small routes have a much smaller cap.
		const register = await call(t.url, 'POST', '/api/v1/workspaces', {
			json: { deviceName: 'x'.repeat(100_000) }
		});
		assert.equal(register.status, 413);
	});

	it('answers malformed JSON with 400 invalid-json', async () => {
		const result = await call(t.url, 'POST', outbox, {
			token: device.deviceToken,
			rawBody: '{"invoiceId": ',
			headers: { 'content-type': 'application/json' }
		});
		assert.equal(result.status, 400);
		assert.equal(field(result.body, 'error', 'code'), 'invalid-json');
	});

	it('answers schema violations with 400 and one entry per field', async () => {
		const request = sendRequest();
		request['invoiceId'] = 'not-a-uuid';
		request['documentType'] = 'receipt';
		(request['buyer'] as Record<string, unknown>)['country'] = 'Belgium';
		request['ubl'] = { fileName: '../../etc/passwd', xml: '<Order/>' };
		const result = await call(t.url, 'POST', outbox, { token: device.deviceToken, json: request });
		assert.equal(result.status, 400);
		assert.equal(field(result.body, 'error', 'code'), 'invalid-request');
		const paths = field<{ path: string }[]>(result.body, 'error', 'fields').map((f) => f.path);
		for (const expected of ['invoiceId', 'documentType', 'buyer.country', 'ubl.fileName'])
			assert.ok(paths.includes(expected), expected);
	});

	it('requires e-mail fields when the channel is e-mail', async () => {
		const result = await call(t.url, 'POST', outbox, {
			token: device.deviceToken,
			json: sendRequest({ channel: 'email', email: null })
		});
		assert.equal(result.status, 400);
		assert.deepEqual(field(result.body, 'error', 'fields'), [
			{ path: 'email', message: 'is required when channel is "email"' }
		]);
	});

	it('refuses header injection in the subject', async () => {
		const request = sendRequest({
			email: {
				to: ['a@example.test'],
				replyTo: 'b@example.test',
				sellerName: 'S',
				subject: 'Hi\r\nBcc: victim@example.test',
				text: 'x'
			}
		});
		const result = await call(t.url, 'POST', outbox, { token: device.deviceToken, json: request });
		assert.equal(result.status, 400);
		assert.equal(field(result.body, 'error', 'fields', 0, 'path'), 'email.subject');
	});

	it('answers a non-JSON content type with 415 and unknown routes with 404/405', async () => {
		const result = await call(t.url, 'POST', outbox, {
			token: device.deviceToken,
			rawBody: 'a=b',
			headers: { 'content-type': 'text/plain' }
		});
		assert.equal(result.status, 415);
		assert.equal((await call(t.url, 'GET', '/api/v1/nothing-here')).status, 404);
		assert.equal((await call(t.url, 'PATCH', '/api/v1/workspaces')).status, 405);
	});
});

describe('per-workspace limits', () => {
	it('rate-limits one workspace without slowing another', async () => {
		const t = await startTestRelay({
			BILLFOLD_RATE_LIMIT_BURST: '5',
			// One token a minute: on a loaded machine these eight requests may take over a second,
			// and at 60 a minute a token came back before the eighth (a 200 where 429 was due).
			BILLFOLD_RATE_LIMIT_PER_MINUTE: '1'
		});
		try {
			const busy = await registerWorkspace(t.url, 'busy');
			const calm = await registerWorkspace(t.url, 'calm');
			const statuses: number[] = [];
			for (let i = 0; i < 7; i++) {
				statuses.push(
					(await call(t.url, 'GET', '/api/v1/session', { token: busy.deviceToken })).status
				);
			}
			assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
			const limited = await call(t.url, 'GET', '/api/v1/session', { token: busy.deviceToken });
			assert.equal(field(limited.body, 'error', 'code'), 'rate-limited');
			assert.ok(Number(limited.headers.get('retry-after')) >= 1);
			assert.equal(
				(await call(t.url, 'GET', '/api/v1/session', { token: calm.deviceToken })).status,
				200
			);
		} finally {
			await t.close();
		}
	});

	it('enforces the send quota per workspace and 24 hours; replays do not count', async () => {
		const t = await startTestRelay({ BILLFOLD_SEND_QUOTA_PER_DAY: '2' });
		try {
			const device = await registerWorkspace(t.url);
			const outbox = `/api/v1/workspaces/${device.workspaceId}/outbox`;
			const first = sendRequest({ channel: 'email' });
			const statuses = [];
			for (const request of [
				first,
				first,
				sendRequest({ channel: 'email' }),
				sendRequest({ channel: 'email' })
			]) {
				statuses.push(
					(await call(t.url, 'POST', outbox, { token: device.deviceToken, json: request })).status
				);
			}
			assert.deepEqual(statuses, [202, 202, 202, 429]);
			const other = await registerWorkspace(t.url, 'other');
			const fresh = await call(t.url, 'POST', `/api/v1/workspaces/${other.workspaceId}/outbox`, {
				token: other.deviceToken,
				json: sendRequest({ channel: 'email' })
			});
			assert.equal(fresh.status, 202);
		} finally {
			await t.close();
		}
	});
});
