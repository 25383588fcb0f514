import { describe, expect, it } from 'vitest';
import { jsonResponse } from '../../../tests/factories';
import { HttpSyncTransport } from './http-transport';

const WS = '0190a3c4-0000-7000-8000-000000000001';
const credentials = {
	relayUrl: 'https://relay.test',
	workspaceId: WS,
	deviceId: '0190a3c4-0000-7000-8000-000000000002',
	deviceToken: 'bf_dev_token'
};
const envelope = new Uint8Array(48).fill(7);

interface Call {
	url: string;
	contentType: string | null;
}

/**
 * Answers as a relay from before binary sync frames did: its pull query schema is strict (400 for
 * `format`), its push reads JSON only (415 for any other media type).
 */
function oldRelay(): { calls: Call[]; fetch: typeof fetch } {
	const calls: Call[] = [];
	const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
		const url = String(input);
		const contentType = new Headers(init?.headers).get('content-type');
		calls.push({ url, contentType });
		if (url.includes('/sync/pull')) {
			if (url.includes('format=')) {
				return jsonResponse(400, {
					error: {
						code: 'invalid-request',
						message: 'The query is invalid.',
						fields: [{ path: 'format', message: 'Unrecognized key' }]
					}
				});
			}
			return jsonResponse(200, {
				head: 1,
				rows: [
					{
						seq: 1,
						docId: 'invoice:1',
						clientId: 'client-0001',
						kind: 'update',
						envelope: Buffer.from(envelope).toString('base64')
					}
				]
			});
		}
		if (url.includes('/sync/push')) {
			if (contentType !== 'application/json') {
				return jsonResponse(415, {
					error: { code: 'unsupported-media-type', message: 'The body must be JSON.' }
				});
			}
			const body = JSON.parse(String(init?.body)) as { rows: { clientId: string }[] };
			return jsonResponse(200, {
				head: 2,
				acks: body.rows.map((row, index) => ({ clientId: row.clientId, seq: 2 + index }))
			});
		}
		return jsonResponse(404, { error: { code: 'not-found', message: url } });
	};
	return { calls, fetch: fetchImpl as typeof fetch };
}

describe('HttpSyncTransport against a relay from before binary sync frames', () => {
	it('pulls and pushes as JSON after the first refusal and does not try frames again', async () => {
		const relay = oldRelay();
		const transport = new HttpSyncTransport(credentials, { fetch: relay.fetch });

		const page = await transport.pull(0, 100);
		expect(page.head).toBe(1);
		expect(page.rows[0]?.envelope).toEqual(envelope);
		const acks = await transport.push([{ clientId: 'client-0002', docId: 'invoice:1', envelope }]);
		expect(acks).toEqual([{ clientId: 'client-0002', seq: 2 }]);

		await transport.pull(1, 100);
		await transport.push([{ clientId: 'client-0003', docId: 'invoice:1', envelope }]);

		const framed = relay.calls.filter(
			(call) => call.url.includes('format=binary') || call.contentType?.includes('vnd.billfold')
		);
		// One refused frames call each for pull and push, then JSON only.
		expect(framed).toHaveLength(2);
		expect(relay.calls).toHaveLength(6);
	});
});
