import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { WebSocket } from 'ws';
import {
	start as startLetsPeppol,
	type LetsPeppolServer
} from './helpers/contract/letspeppol-server.js';
import {
	start as startRecommand,
	type RecommandServer
} from './helpers/contract/recommand-server.js';
import { call, type CallOptions } from './helpers/http.js';
import { sendRequest } from './helpers/send-request.js';
import { startViesServer, type ViesServer } from './helpers/contract/vies-server.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

const RUNS = 40;

/** Replaces the value at a random path of a valid body with arbitrary JSON, to fuzz past the first check. */
function mutate(valid: unknown): fc.Arbitrary<unknown> {
	const paths: (string | number)[][] = [];
	const walk = (value: unknown, prefix: (string | number)[]) => {
		paths.push(prefix);
		if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...prefix, i]));
		else if (typeof value === 'object' && value !== null)
			for (const [k, v] of Object.entries(value)) walk(v, [...prefix, k]);
	};
	walk(valid, []);
	return fc.tuple(fc.constantFrom(...paths), fc.jsonValue()).map(([path, replacement]) => {
		if (path.length === 0) return replacement;
		const copy = structuredClone(valid) as Record<string | number, unknown>;
		let target = copy;
		for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
		const last = path[path.length - 1];
		if (last !== undefined) target[last] = replacement;
		return copy;
	});
}

describe('fuzzing every route', () => {
	let t: TestRelay;
	let device: DeviceCredentials;
	// The providers' contract servers, so the connection routes never leave loopback.
	let recommand: RecommandServer;
	let letsPeppol: LetsPeppolServer;
	let vies: ViesServer;

	before(async () => {
		recommand = await startRecommand();
		letsPeppol = await startLetsPeppol();
		vies = await startViesServer();
		t = await startTestRelay({
			BILLFOLD_SEND_QUOTA_PER_DAY: '100000',
			BILLFOLD_RECOMMAND_URL: recommand.url,
			BILLFOLD_LETSPEPPOL_URL: letsPeppol.url,
			BILLFOLD_LETSPEPPOL_KYC_URL: letsPeppol.kycUrl,
			BILLFOLD_VIES_URL: vies.url,
			BILLFOLD_VIES_LOOKUPS_PER_MINUTE: '10000'
		});
		device = await registerWorkspace(t.url);
	});
	after(async () => {
		await t.close();
		await Promise.all([recommand.close(), letsPeppol.close(), vies.close()]);
	});

	const ws = () => device.workspaceId;
	const routes: {
		method: string;
		label: string;
		path: () => fc.Arbitrary<string>;
		valid?: () => unknown;
	}[] = [
		{
			method: 'POST',
			label: '/api/v1/workspaces',
			path: () => fc.constant('/api/v1/workspaces'),
			valid: () => ({ deviceName: 'x', inviteToken: 'nope-nope-nope-nope' })
		},
		{
			method: 'POST',
			label: '/api/v1/join',
			path: () => fc.constant('/api/v1/join'),
			valid: () => ({ joinToken: 'bf_join_x', deviceName: 'x' })
		},
		{ method: 'GET', label: '/api/v1/session', path: () => fc.constant('/api/v1/session') },
		{ method: 'GET', label: '/api/v1/info', path: () => fc.constant('/api/v1/info') },
		{
			method: 'POST',
			label: '…/join-tokens',
			path: () => fc.constant(`/api/v1/workspaces/${ws()}/join-tokens`)
		},
		{
			method: 'GET',
			label: '…/devices',
			path: () => fc.constant(`/api/v1/workspaces/${ws()}/devices`)
		},
		{
			method: 'DELETE',
			label: '…/devices/:deviceId',
			path: () =>
				fc.string().map((s) => `/api/v1/workspaces/${ws()}/devices/${encodeURIComponent(s) || 'x'}`)
		},
		{
			method: 'PUT',
			label: '…/owner',
			path: () => fc.constant(`/api/v1/workspaces/${ws()}/owner`),
			valid: () => ({ deviceId: device.deviceId })
		},
		{
			method: 'POST',
			label: '…/series/:seriesId/issue',
			path: () =>
				fc
					.string({ maxLength: 80 })
					.map((s) => `/api/v1/workspaces/${ws()}/series/${encodeURIComponent(s) || 'S'}/issue`),
			valid: () => ({ invoiceId: crypto.randomUUID(), issueDate: '2026-01-01' })
		},
		{
			method: 'GET',
			label: '…/series/:seriesId',
			path: () =>
				fc.string().map((s) => `/api/v1/workspaces/${ws()}/series/${encodeURIComponent(s) || 'S'}`)
		},
		{
			method: 'PUT',
			label: '…/series/:seriesId',
			path: () =>
				fc.string().map((s) => `/api/v1/workspaces/${ws()}/series/${encodeURIComponent(s) || 'S'}`),
			valid: () => ({ lastNumber: 3, lastIssueDate: null })
		},
		{
			method: 'POST',
			label: '…/outbox',
			path: () => fc.constant(`/api/v1/workspaces/${ws()}/outbox`),
			valid: () => sendRequest()
		},
		{
			method: 'GET',
			label: '…/outbox?query',
			path: () =>
				fc
					.string()
					.map(
						(s) =>
							`/api/v1/workspaces/${ws()}/outbox?invoiceId=${encodeURIComponent(s)}&limit=${encodeURIComponent(s)}`
					)
		},
		{
			method: 'GET',
			label: '…/outbox/:jobId',
			path: () =>
				fc.string().map((s) => `/api/v1/workspaces/${ws()}/outbox/${encodeURIComponent(s) || 'x'}`)
		},
		{
			method: 'POST',
			label: '…/peppol/lookup',
			path: () => fc.constant(`/api/v1/workspaces/${ws()}/peppol/lookup`),
			valid: () => ({
				buyer: { country: 'BE', vatNumber: 'BE0123456749' },
				documentType: 'invoice'
			})
		},
		{
			method: 'POST',
			label: '…/company-lookup',
			path: () => fc.constant(`/api/v1/workspaces/${ws()}/company-lookup`),
			valid: () => ({ vatNumber: 'BE0417497106' })
		},
		{
			method: 'GET',
			label: '…/mail-previews',
			path: () => fc.constant(`/api/v1/workspaces/${ws()}/mail-previews`)
		},
		{
			method: 'GET',
			label: '/api/v1/peppol/providers',
			path: () => fc.constant('/api/v1/peppol/providers')
		},
		...(['GET', 'PUT', 'DELETE'] as const).map((method) => ({
			method,
			label: '…/peppol/connection',
			path: () => fc.constant(`/api/v1/workspaces/${ws()}/peppol/connection`),
			valid: () => ({
				provider: 'recommand',
				credentials: {
					apiKey: recommand.accounts[0]?.apiKey,
					apiSecret: 'not-the-secret',
					companyId: recommand.accounts[0]?.company.id
				}
			})
		})),
		{
			method: 'POST',
			label: '…/peppol/connection/test',
			path: () => fc.constant(`/api/v1/workspaces/${ws()}/peppol/connection/test`)
		},
		...(['GET', 'PUT', 'DELETE'] as const).map((method) => ({
			method,
			label: '…/peppol/registration',
			path: () => fc.constant(`/api/v1/workspaces/${ws()}/peppol/registration`),
			valid: () => ({ participantIds: ['0208:0987654321'] })
		})),
		{
			method: 'POST',
			label: '…/sync/push',
			path: () => fc.constant(`/api/v1/workspaces/${ws()}/sync/push`),
			valid: () => ({
				rows: [
					{
						clientId: crypto.randomUUID(),
						docId: crypto.randomUUID(),
						envelope: Buffer.alloc(48, 7).toString('base64')
					}
				]
			})
		},
		{
			method: 'GET',
			label: '…/sync/pull?query',
			path: () =>
				fc
					.tuple(fc.string(), fc.string())
					.map(
						([after, limit]) =>
							`/api/v1/workspaces/${ws()}/sync/pull?after=${encodeURIComponent(after)}&limit=${encodeURIComponent(limit)}`
					)
		},
		{
			method: 'POST',
			label: '…/sync/compact',
			path: () => fc.constant(`/api/v1/workspaces/${ws()}/sync/compact`),
			valid: () => ({
				clientId: crypto.randomUUID(),
				docId: crypto.randomUUID(),
				upToSeq: 1,
				envelope: Buffer.alloc(48, 9).toString('base64')
			})
		},
		{
			method: 'PUT',
			label: '…/sync/key-wrap',
			path: () => fc.constant(`/api/v1/workspaces/${ws()}/sync/key-wrap`),
			valid: () => ({ wrapped: { v: 1, kdf: 'argon2id', salt: 'c2FsdHNhbHRzYWx0c2FsdA' } })
		},
		{
			method: 'GET',
			label: '…/sync/key-wrap',
			path: () => fc.constant(`/api/v1/workspaces/${ws()}/sync/key-wrap`)
		},
		{
			method: 'GET',
			label: '…/mail-previews/:previewId',
			path: () =>
				fc
					.string()
					.map((s) => `/api/v1/workspaces/${ws()}/mail-previews/${encodeURIComponent(s) || 'x'}`)
		}
	];

	for (const route of routes) {
		it(`${route.method} ${route.label} never answers 500`, async () => {
			const body: fc.Arbitrary<CallOptions> = fc.oneof(
				fc.jsonValue().map((json) => ({ json })),
				...(route.valid ? [mutate(route.valid()).map((json) => ({ json }))] : []),
				fc
					.string()
					.map((rawBody) => ({ rawBody, headers: { 'content-type': 'application/json' } })),
				fc.uint8Array({ maxLength: 200 }).map((bytes) => ({
					rawBody: Buffer.from(bytes),
					headers: { 'content-type': 'application/octet-stream' }
				}))
			);
			const auth = fc.constantFrom<'valid' | 'none' | 'bogus'>(
				'valid',
				'valid',
				'valid',
				'none',
				'bogus'
			);
			await fc.assert(
				fc.asyncProperty(route.path(), body, auth, async (path, options, who) => {
					const token =
						who === 'valid' ? device.deviceToken : who === 'bogus' ? 'bf_dev_bogus' : undefined;
					const withBody =
						route.method === 'GET' ? { ...options, json: undefined, rawBody: undefined } : options;
					const result = await call(t.url, route.method, path, { ...withBody, token });
					assert.ok(
						result.status < 500,
						`${route.method} ${path} → ${result.status} ${result.text}`
					);
					if (result.status >= 400)
						assert.equal(
							typeof (result.body as { error?: { code?: unknown } }).error?.code,
							'string'
						);
				}),
				{ numRuns: RUNS }
			);
			assert.equal((await call(t.url, 'GET', '/health')).status, 200);
		});
	}

	it('arbitrary, even malformed, API paths never answer 500', async () => {
		const segment = fc.oneof(
			fc.string({ maxLength: 20 }),
			fc.constantFrom('%', '%E0%A4%A', '..', '%00', ws(), 'outbox', 'series')
		);
		await fc.assert(
			fc.asyncProperty(
				fc.array(segment, { maxLength: 6 }),
				fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
				async (parts, method) => {
					const path = '/api/v1/' + parts.map((p) => p.replace(/[?#\s]/g, '')).join('/');
					const result = await call(t.url, method, path, { token: device.deviceToken });
					assert.ok(result.status < 500, `${method} ${path} → ${result.status}`);
				}
			),
			{ numRuns: 150 }
		);
	});

	it('the event socket survives arbitrary frames', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					fc.string(),
					fc.jsonValue().map((v) => JSON.stringify(v)),
					fc.uint8Array({ maxLength: 100 })
				),
				async (frame) => {
					const socket = new WebSocket(
						`${t.url.replace('http', 'ws')}/api/v1/workspaces/${ws()}/events`
					);
					await once(socket, 'open');
					const closed = once(socket, 'close');
					socket.send(typeof frame === 'string' ? frame : Buffer.from(frame));
					const [code] = (await closed) as [number];
					assert.ok([4400, 4401].includes(code), `closed with ${code}`);
				}
			),
			{ numRuns: 30 }
		);
		assert.equal((await call(t.url, 'GET', '/health')).status, 200);
	});

	it('no request crashed the relay or logged an internal error', () => {
		assert.equal(t.logs.filter((line) => line.includes('"level":"error"')).length, 0);
	});
});
