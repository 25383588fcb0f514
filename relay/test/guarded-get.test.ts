import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { createAddressPolicy } from '../src/peppol/address-policy.js';
import { createGuardedGet, type GuardedGetOptions } from '../src/peppol/guarded-get.js';
import { createHostResolver } from '../src/peppol/host-resolver.js';
import { startConnectionTrap, type ConnectionTrap } from './helpers/connection-trap.js';

const MAX_BYTES = 64 * 1024;

const options = (overrides: Partial<GuardedGetOptions> = {}): GuardedGetOptions => ({
	resolveHost: createHostResolver(undefined),
	allowHttp: true,
	policy: createAddressPolicy('all'),
	timeoutMs: 5000,
	maxBytes: MAX_BYTES,
	maxRedirects: 3,
	accept: 'application/xml',
	...overrides
});

describe('guarded GET', () => {
	let server: http.Server;
	let base: string;
	let trap: ConnectionTrap;
	const requests: string[] = [];

	before(async () => {
		trap = await startConnectionTrap();
		server = http.createServer((req, res) => {
			requests.push(req.url ?? '');
			switch (req.url) {
				case '/ok':
					res.writeHead(200, { 'content-type': 'application/xml' }).end('<ok/>');
					return;
				case '/big':
					res.writeHead(200).end(Buffer.alloc(MAX_BYTES + 1, 'a'));
					return;
				case '/bomb':
					res
						.writeHead(200, { 'content-encoding': 'gzip' })
						.end(zlib.gzipSync(Buffer.alloc(MAX_BYTES * 16, 'a')));
					return;
				case '/gzip':
					res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync('<zipped/>'));
					return;
				case '/loop':
					res.writeHead(302, { location: '/loop' }).end();
					return;
				case '/hang':
					return; // never answers
				default:
					res.writeHead(404).end();
			}
		});
		server.listen(0, '127.0.0.1');
		await new Promise((resolve) => server.once('listening', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	after(async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
		await trap.close();
	});

	it('refuses a name the system resolver maps to loopback (localhost), without connecting', async () => {
		const get = createGuardedGet(options({ policy: createAddressPolicy('none') }));
		const answer = await get(`http://localhost:${trap.port}/`);
		assert.equal(answer.kind, 'refused');
		assert.match(
			'reason' in answer ? answer.reason : '',
			/^SMP address refused: localhost resolves to (127\.0\.0\.1|::1), which is a loopback address$/
		);
		assert.equal(trap.connections, 0);
	});

	it('refuses http unless allowed, and any other scheme', async () => {
		const get = createGuardedGet(options({ allowHttp: false }));
		assert.deepEqual(await get(`${base}/ok`), {
			kind: 'refused',
			reason: 'SMP address refused: http: is not allowed (https only)'
		});
		assert.deepEqual(await get('file:///etc/passwd'), {
			kind: 'refused',
			reason: 'SMP address refused: file: is not allowed (https only)'
		});
		assert.deepEqual(await get('not a url'), {
			kind: 'refused',
			reason: 'SMP address refused: not a url is not a URL'
		});
	});

	it('reads an answer, compressed or not', async () => {
		const get = createGuardedGet(options());
		assert.deepEqual(await get(`${base}/ok`), { kind: 'response', status: 200, body: '<ok/>' });
		assert.deepEqual(await get(`${base}/gzip`), {
			kind: 'response',
			status: 200,
			body: '<zipped/>'
		});
	});

	it('stops reading past the size cap, also when a small gzip body inflates past it', async () => {
		const get = createGuardedGet(options());
		const failure = {
			kind: 'failed',
			reason: `SMP answer larger than ${MAX_BYTES} bytes`,
			tooLarge: true
		};
		assert.deepEqual(await get(`${base}/big`), failure);
		assert.deepEqual(await get(`${base}/bomb`), failure);
	});

	it('follows a bounded number of redirects', async () => {
		const get = createGuardedGet(options());
		const before = requests.filter((url) => url === '/loop').length;
		assert.deepEqual(await get(`${base}/loop`), {
			kind: 'failed',
			reason: 'SMP redirected more than 3 times'
		});
		assert.equal(requests.filter((url) => url === '/loop').length - before, 4);
	});

	it('gives up when the whole request outlives its time budget', async () => {
		const get = createGuardedGet(options({ timeoutMs: 100 }));
		assert.deepEqual(await get(`${base}/hang`), { kind: 'failed', reason: 'SMP timed out' });
	});
});

/**
 * Test-only certificates for `localhost` and `other.test`, signed by a CA whose key was thrown
 * away. A child process trusts that CA (NODE_EXTRA_CA_CERTS is read only at start-up).
 */
const TLS = new URL('../../../test/fixtures/tls/', import.meta.url);
const GUARDED_GET = new URL('../src/peppol/guarded-get.js', import.meta.url).href;
const HOST_RESOLVER = new URL('../src/peppol/host-resolver.js', import.meta.url).href;
const ADDRESS_POLICY = new URL('../src/peppol/address-policy.js', import.meta.url).href;

/** Runs one guarded GET in a child that trusts the test CA and returns its answer. */
async function getTrustingTestCa(url: string): Promise<unknown> {
	const script = `
		const { createGuardedGet } = await import(${JSON.stringify(GUARDED_GET)});
		const { createHostResolver } = await import(${JSON.stringify(HOST_RESOLVER)});
		const { createAddressPolicy } = await import(${JSON.stringify(ADDRESS_POLICY)});
		const get = createGuardedGet({ resolveHost: createHostResolver(undefined), allowHttp: false,
			policy: createAddressPolicy('all'), timeoutMs: 5000, maxBytes: 1024, maxRedirects: 0,
			accept: 'application/xml' });
		process.stdout.write(JSON.stringify(await get(${JSON.stringify(url)})));`;
	const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
		env: { ...process.env, NODE_EXTRA_CA_CERTS: fileURLToPath(new URL('ca.pem', TLS)) },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const [code] = (await once(child, 'exit')) as [number | null];
	assert.equal(code, 0);
	return JSON.parse(output) as unknown;
}

describe('guarded GET over https, pinned to the checked address', () => {
	for (const [certificate, expected] of [
		['localhost', 'the certificate for the host name is accepted'],
		['other.test', 'a certificate for another name is rejected']
	] as const) {
		it(`keeps SNI and Host: ${expected}`, async () => {
			const seen: { sni?: string | false | null; host?: string } = {};
			const server = https.createServer(
				{
					key: await readFile(new URL(`${certificate}.key`, TLS)),
					cert: await readFile(new URL(`${certificate}.pem`, TLS))
				},
				(req, res) => {
					seen.host = req.headers.host;
					res.writeHead(200).end('<ok/>');
				}
			);
			server.on('secureConnection', (socket: TLSSocket) => (seen.sni = socket.servername));
			server.listen(0, '127.0.0.1');
			await once(server, 'listening');
			const port = (server.address() as AddressInfo).port;
			try {
				const answer = await getTrustingTestCa(`https://localhost:${port}/x`);
				if (certificate === 'localhost') {
					assert.deepEqual(answer, { kind: 'response', status: 200, body: '<ok/>' });
					assert.equal(seen.sni, 'localhost');
					assert.equal(seen.host, `localhost:${port}`);
				} else {
					assert.deepEqual(answer, { kind: 'failed', reason: 'SMP unreachable' });
					assert.equal(seen.host, undefined);
				}
			} finally {
				server.closeAllConnections();
				await new Promise<void>((resolve) => server.close(() => resolve()));
			}
		});
	}
});
