import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call } from './helpers/http.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';

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

	it('keeps unknown API paths as JSON 404s rather than the app', async () => {
		const result = await call(t.url, 'GET', '/api/v1/unknown');
		assert.equal(result.status, 404);
		assert.equal(result.headers.get('content-type'), 'application/json; charset=utf-8');
	});
});
