import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { negotiateEncoding } from '../src/http/accept-encoding.js';
import { createCompressedFiles } from '../src/http/compressed-files.js';
import { makeTempDir, startTestRelay, type TestRelay } from './helpers/test-relay.js';

interface RawAnswer {
	status: number;
	headers: http.IncomingHttpHeaders;
	/** The bytes on the wire, not decoded (fetch would decode them). */
	body: Buffer;
}

function raw(
	baseUrl: string,
	target: string,
	headers: Record<string, string> = {},
	method = 'GET'
): Promise<RawAnswer> {
	return new Promise((resolve, reject) => {
		const request = http.request(new URL(target, baseUrl), { method, headers }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () =>
				resolve({
					status: response.statusCode ?? 0,
					headers: response.headers,
					body: Buffer.concat(chunks)
				})
			);
			response.on('error', reject);
		});
		request.on('error', reject);
		request.end();
	});
}

function decode(answer: RawAnswer): Buffer {
	switch (answer.headers['content-encoding']) {
		case 'br':
			return zlib.brotliDecompressSync(answer.body);
		case 'gzip':
			return zlib.gunzipSync(answer.body);
		case undefined:
			return answer.body;
		default:
			throw new Error(`unexpected coding ${answer.headers['content-encoding']}`);
	}
}

describe('negotiating the coding of a static file (RFC 9110 §12.5.3)', () => {
	const table: [string | undefined, string][] = [
		[undefined, 'identity'],
		['', 'identity'],
		['gzip, deflate, br', 'br'],
		['gzip, deflate, br, zstd', 'br'],
		['gzip', 'gzip'],
		['x-gzip', 'gzip'],
		['GZIP', 'gzip'],
		['deflate', 'identity'],
		['br;q=0.5, gzip;q=0.8', 'gzip'],
		['br;q=0.8, gzip;q=0.8', 'br'],
		['br;q=0, gzip', 'gzip'],
		['br;q=0, gzip;q=0', 'identity'],
		['gzip;q=0.000, br;Q=0', 'identity'],
		['*', 'br'],
		['*;q=0.5, br;q=0', 'gzip'],
		['*;q=0', 'identity'],
		['identity', 'identity'],
		['identity;q=1, br;q=0.5', 'identity'],
		['identity;q=0.5, br', 'br'],
		['identity;q=0', 'identity'],
		['gzip , br ; q=0.9 ,', 'gzip'],
		[' , br', 'br'],
		['br;q=1.000', 'br'],
		// Malformed: identity, never an error.
		['br;q=2', 'identity'],
		['br;q=1.5', 'identity'],
		['br;q=0.1234', 'identity'],
		['br;q=', 'identity'],
		['br;q', 'identity'],
		['br;level=1', 'identity'],
		['br;q=0.5=1', 'identity'],
		['b r', 'identity'],
		[';q=1', 'identity'],
		['br;q=abc, gzip', 'identity'],
		['\u0000br', 'identity']
	];
	for (const [header, expected] of table) {
		it(`${JSON.stringify(header)} → ${expected}`, () => {
			assert.equal(negotiateEncoding(header), expected);
		});
	}
	it('reads a header sent in several lines as one list', () => {
		assert.equal(negotiateEncoding(['br;q=0', 'gzip']), 'gzip');
	});
});

describe('serving the built app compressed', () => {
	let t: TestRelay;
	// Big enough to be worth compressing, and compressible.
	const script = Buffer.from(
		Array.from({ length: 400 }, (_, i) => `export const value${i} = ${i} * 2;\n`).join('')
	);
	const page = Buffer.from(
		`<!doctype html><title>Billfold</title><script>${'/* boot */ '.repeat(300)}</script>`
	);
	const image = Buffer.alloc(4096, 7);
	before(async () => {
		t = await startTestRelay();
		await fs.writeFile(path.join(t.staticDir, '_app/immutable/entry/app.def456.js'), script);
		await fs.writeFile(path.join(t.staticDir, 'index.html'), page);
		await fs.writeFile(path.join(t.staticDir, 'icon.png'), image);
	});
	after(() => t.close());

	const asset = '/_app/immutable/entry/app.def456.js';

	for (const [accept, coding] of [
		['br, gzip', 'br'],
		['gzip', 'gzip'],
		['br;q=0, gzip;q=0', undefined],
		['br;q=oops', undefined]
	] as const) {
		it(`answers Accept-Encoding ${JSON.stringify(accept)} with ${coding ?? 'identity'}, same bytes once decoded`, async () => {
			const answer = await raw(t.url, asset, { 'accept-encoding': accept });
			assert.equal(answer.status, 200);
			assert.equal(answer.headers['content-encoding'], coding);
			assert.equal(answer.headers['vary'], 'Accept-Encoding');
			assert.equal(answer.headers['content-length'], String(answer.body.length));
			assert.equal(answer.headers['content-type'], 'text/javascript; charset=utf-8');
			if (coding) assert.ok(answer.body.length < script.length / 2, 'compressed');
			assert.deepEqual(decode(answer), script);
		});
	}

	it('sends identity, still with Vary, to a client that names no coding', async () => {
		const answer = await raw(t.url, asset);
		assert.equal(answer.headers['content-encoding'], undefined);
		assert.equal(answer.headers['vary'], 'Accept-Encoding');
		assert.deepEqual(answer.body, script);
	});

	it('gives each coding its own ETag and revalidates each with a 304', async () => {
		const etags = new Set<string>();
		for (const accept of ['br', 'gzip', 'identity']) {
			const first = await raw(t.url, asset, { 'accept-encoding': accept });
			const etag = first.headers['etag'] ?? '';
			etags.add(etag);
			const again = await raw(t.url, asset, { 'accept-encoding': accept, 'if-none-match': etag });
			assert.equal(again.status, 304, accept);
			assert.equal(again.body.length, 0);
			assert.equal(again.headers['vary'], 'Accept-Encoding');
		}
		assert.equal(etags.size, 3);
		// A validator of another coding does not match: the client gets the full representation.
		const brEtag = (await raw(t.url, asset, { 'accept-encoding': 'br' })).headers['etag'] ?? '';
		const crossed = await raw(t.url, asset, { 'accept-encoding': 'gzip', 'if-none-match': brEtag });
		assert.equal(crossed.status, 200);
		assert.equal(crossed.headers['content-encoding'], 'gzip');
	});

	it('answers HEAD with the headers and length of the GET, and no body', async () => {
		const get = await raw(t.url, asset, { 'accept-encoding': 'br' });
		const head = await raw(t.url, asset, { 'accept-encoding': 'br' }, 'HEAD');
		assert.equal(head.status, 200);
		assert.equal(head.body.length, 0);
		assert.equal(head.headers['content-encoding'], 'br');
		assert.equal(head.headers['content-length'], get.headers['content-length']);
		assert.equal(head.headers['etag'], get.headers['etag']);
	});

	it('compresses the UBL schemas the app validates with', async () => {
		const schema = Buffer.from(
			`<xsd:schema>${'<xsd:element name="Invoice" type="InvoiceType"/>'.repeat(100)}</xsd:schema>`
		);
		await fs.writeFile(path.join(t.staticDir, 'UBL-Invoice-2.1.abc.xsd'), schema);
		const answer = await raw(t.url, '/UBL-Invoice-2.1.abc.xsd', { 'accept-encoding': 'gzip' });
		assert.equal(answer.headers['content-encoding'], 'gzip');
		assert.equal(answer.headers['content-type'], 'application/xml; charset=utf-8');
		assert.deepEqual(decode(answer), schema);
	});

	it('serves an image as it is, without Vary', async () => {
		const answer = await raw(t.url, '/icon.png', { 'accept-encoding': 'br, gzip' });
		assert.equal(answer.headers['content-encoding'], undefined);
		assert.equal(answer.headers['vary'], undefined);
		assert.deepEqual(answer.body, image);
	});

	it('compresses the app page and keeps its CSP hash of the decoded inline script', async () => {
		const answer = await raw(t.url, '/invoices', { 'accept-encoding': 'br' });
		assert.equal(answer.headers['content-encoding'], 'br');
		assert.deepEqual(decode(answer), page);
		const identity = await raw(t.url, '/invoices');
		assert.equal(
			answer.headers['content-security-policy'],
			identity.headers['content-security-policy']
		);
		assert.match(String(answer.headers['content-security-policy']), /'sha256-/);
	});

	it('serves a rebuilt file anew, not the compressed copy of the old one', async () => {
		const before = await raw(t.url, asset, { 'accept-encoding': 'gzip' });
		const rebuilt = Buffer.concat([script, Buffer.from('export const rebuilt = true;\n')]);
		await fs.writeFile(path.join(t.staticDir, asset), rebuilt);
		const after = await raw(t.url, asset, { 'accept-encoding': 'gzip' });
		assert.notEqual(after.headers['etag'], before.headers['etag']);
		assert.deepEqual(decode(after), rebuilt);
		await fs.writeFile(path.join(t.staticDir, asset), script);
	});
});

describe('compressing a file once per version', () => {
	const text = Buffer.from('export const x = 1;\n'.repeat(200));

	it('gives nothing, and reports the file, when it vanished after its stat', async () => {
		const dir = await makeTempDir('compress');
		const file = path.join(dir, 'gone.js');
		await fs.writeFile(file, text);
		const stat = await fs.stat(file);
		await fs.rm(file);
		const failed: string[] = [];
		const files = createCompressedFiles((path) => failed.push(path));
		assert.equal(await files.get(file, stat, 'br'), undefined);
		assert.deepEqual(failed, [file]);
		await fs.rm(dir, { recursive: true, force: true });
	});

	it('gives nothing for a file replaced since its stat, then compresses the new version', async () => {
		const dir = await makeTempDir('compress');
		const file = path.join(dir, 'app.js');
		await fs.writeFile(file, text);
		const old = await fs.stat(file);
		const rebuilt = Buffer.concat([text, Buffer.from('export const y = 2;\n')]);
		await fs.writeFile(file, rebuilt);
		const failed: string[] = [];
		const files = createCompressedFiles((path) => failed.push(path));
		assert.equal(await files.get(file, old, 'gzip'), undefined);
		const fresh = await files.get(file, await fs.stat(file), 'gzip');
		assert.deepEqual(fresh && zlib.gunzipSync(fresh), rebuilt);
		assert.deepEqual(failed, []);
		await fs.rm(dir, { recursive: true, force: true });
	});
});
