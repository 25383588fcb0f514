import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { call, type CallResult } from './helpers/http.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';

/** The directives of a Content-Security-Policy header, by name. */
function directives(result: CallResult): Map<string, string[]> {
	const header = result.headers.get('content-security-policy');
	assert.ok(header, 'a Content-Security-Policy header');
	return new Map(
		header.split(';').map((part) => {
			const [name = '', ...sources] = part.trim().split(/\s+/);
			return [name, sources];
		})
	);
}

function assertFramingAndReferrer(result: CallResult, what: string): void {
	assert.equal(result.headers.get('x-frame-options'), 'DENY', what);
	assert.equal(result.headers.get('referrer-policy'), 'no-referrer', what);
	assert.equal(result.headers.get('x-content-type-options'), 'nosniff', what);
	assert.deepEqual(directives(result).get('frame-ancestors'), ["'none'"], what);
}

// SvelteKit's static fallback page boots the app from an inline script.
const bootScript = `
	{
		__sveltekit_x = { base: "" };
		const element = document.currentScript.parentElement;
		import("/_app/immutable/entry/start.abc123.js").then((kit) => kit.start(element));
	}
`;

describe('serving the built app next to the API', () => {
	let t: TestRelay;
	before(async () => {
		t = await startTestRelay();
	});
	after(() => t.close());

	it('answers GET /health', async () => {
		const result = await call(t.url, 'GET', '/health');
		assert.equal(result.status, 200);
		assert.deepEqual(result.body, { status: 'ok', version: 'test' });
	});

	it('serves index.html for client-side routes (SPA fallback) without long caching', async () => {
		for (const path of [
			'/',
			'/settings/relay?invite=abc',
			'/invoices/0190a3c4-1111-7000-8000-000000000000'
		]) {
			const result = await call(t.url, 'GET', path);
			assert.equal(result.status, 200, path);
			assert.match(result.text, /<title>Billfold<\/title>/);
			assert.equal(result.headers.get('content-type'), 'text/html; charset=utf-8');
			assert.equal(result.headers.get('cache-control'), 'no-cache');
		}
	});

	it('caches hashed assets for a year and never the service worker', async () => {
		const asset = await call(t.url, 'GET', '/_app/immutable/entry/start.abc123.js');
		assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
		assert.equal(asset.headers.get('content-type'), 'text/javascript; charset=utf-8');
		const worker = await call(t.url, 'GET', '/service-worker.js');
		assert.equal(worker.headers.get('cache-control'), 'no-cache');
		const manifest = await call(t.url, 'GET', '/manifest.webmanifest');
		assert.equal(manifest.headers.get('content-type'), 'application/manifest+json; charset=utf-8');
	});

	it('revalidates with ETag, 404s missing assets and never leaves the build folder', async () => {
		const first = await call(t.url, 'GET', '/service-worker.js');
		const etag = first.headers.get('etag') ?? '';
		const second = await call(t.url, 'GET', '/service-worker.js', {
			headers: { 'if-none-match': etag }
		});
		assert.equal(second.status, 304);
		assert.equal((await call(t.url, 'GET', '/_app/immutable/missing.js')).status, 404);
		const traversal = await call(t.url, 'GET', '/..%2f..%2f..%2fetc%2fpasswd');
		assert.doesNotMatch(traversal.text, /root:/);
	});

	it('serves the app under a strict CSP that allows exactly the served boot script', async () => {
		await fs.writeFile(
			path.join(t.staticDir, 'index.html'),
			`<!doctype html><title>Billfold</title><div style="display: contents"><script>${bootScript}</script></div>`
		);
		const page = await call(t.url, 'GET', '/invoices');
		const served = /<script>([\s\S]*?)<\/script>/.exec(page.text)?.[1] ?? '';
		const hash = `'sha256-${createHash('sha256').update(served).digest('base64')}'`;
		const csp = directives(page);
		assert.deepEqual(csp.get('script-src'), ["'self'", "'wasm-unsafe-eval'", hash]);
		assert.deepEqual(csp.get('object-src'), ["'none'"]);
		assert.deepEqual(csp.get('base-uri'), ["'none'"]);
		assert.deepEqual(csp.get('connect-src'), ["'self'", 'blob:', 'data:']);
		assert.deepEqual(csp.get('worker-src'), ["'self'"]);
		assert.deepEqual(csp.get('frame-src'), ["'self'", 'blob:']);
		assert.deepEqual(csp.get('img-src'), ["'self'", 'data:', 'blob:']);
		assert.ok(!page.headers.get('content-security-policy')?.includes("'unsafe-eval'"));
		assertFramingAndReferrer(page, 'index.html');

		// A rebuilt page with another boot script gets that script's hash, not the old one.
		await fs.writeFile(
			path.join(t.staticDir, 'index.html'),
			`<!doctype html><title>Billfold</title><script>${bootScript}// v2\n</script>`
		);
		const rebuilt = directives(await call(t.url, 'GET', '/'));
		assert.equal(rebuilt.get('script-src')?.length, 3);
		assert.ok(!rebuilt.get('script-src')?.includes(hash));
	});

	it('sends the framing, referrer and sniffing headers on every answer', async () => {
		for (const [method, target] of [
			['GET', '/service-worker.js'],
			['GET', '/_app/immutable/entry/start.abc123.js'],
			['GET', '/_app/immutable/missing.js'],
			['POST', '/'],
			['GET', '/health'],
			['GET', '/api/v1/info'],
			['GET', '/api/v1/session'],
			['GET', '/api/v1/unknown']
		] as const) {
			const result = await call(t.url, method, target);
			assertFramingAndReferrer(result, `${method} ${target}`);
		}
		// API answers are data: nothing may load or run in them.
		assert.deepEqual(directives(await call(t.url, 'GET', '/api/v1/info')).get('default-src'), [
			"'none'"
		]);
	});

	it('lets the app connect to the configured public URL and its WebSocket form', async () => {
		const behindProxy = await startTestRelay({ BILLFOLD_PUBLIC_URL: 'https://relay.example.be/' });
		try {
			const page = await call(behindProxy.url, 'GET', '/');
			assert.deepEqual(directives(page).get('connect-src'), [
				"'self'",
				'blob:',
				'data:',
				'https://relay.example.be',
				'wss://relay.example.be'
			]);
		} finally {
			await behindProxy.close();
		}
	});

	it('keeps unknown API paths as JSON 404s rather than the app', async () => {
		const result = await call(t.url, 'GET', '/api/v1/unknown');
		assert.equal(result.status, 404);
		assert.equal(result.headers.get('content-type'), 'application/json; charset=utf-8');
	});
});
