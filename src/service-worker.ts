/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;
const cacheName = `billfold-${version}`;
// `/` rather than `/index.html`: the shell is served at `/` by every host we run on.
const precache = ['/', ...build, ...files.filter((file) => !file.startsWith('/fonts/source/'))];

// SvelteKit's `build` names each bundled Web Worker's entry but not what the worker loads: its
// chunks and assets (the official Peppol rules and UBL schemas of the rules worker). Those are
// found in the workers' own code, so the rules run offline from the first visit on.
const WORKERS = '/_app/immutable/workers/';
const REFERENCE = /(["'`])((?:\.{1,2}\/|\/_app\/immutable\/workers\/)[\w./-]+\.\w+)\1/g;

/** Caches every file the bundled workers load, following the references of each script. */
async function cacheWorkerFiles(cache: Cache): Promise<void> {
	const seen = new Set<string>();
	const queue = build.filter((file) => file.includes(WORKERS));
	for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
		let response = await cache.match(file);
		if (!response) {
			await cache.add(file);
			response = await cache.match(file);
		}
		if (!response || !file.endsWith('.js')) continue;
		const text = await response.text();
		for (const match of text.matchAll(REFERENCE)) {
			const path = new URL(match[2] ?? '', new URL(file, location.origin)).pathname;
			if (!path.includes(WORKERS) || seen.has(path)) continue;
			seen.add(path);
			queue.push(path);
		}
	}
}

worker.addEventListener('install', (event) => {
	event.waitUntil(
		caches.open(cacheName).then(async (cache) => {
			await cache.addAll(precache);
			await cacheWorkerFiles(cache);
		})
	);
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(keys.filter((key) => key !== cacheName).map((key) => caches.delete(key)))
			)
			.then(() => worker.clients.claim())
	);
});

worker.addEventListener('message', (event) => {
	if (event.data && event.data.type === 'SKIP_WAITING') void worker.skipWaiting();
});

async function navigate(request: Request): Promise<Response> {
	try {
		return await fetch(request);
	} catch {
		const shell = await caches.match('/', { cacheName });
		return shell ?? new Response('Offline and the app is not cached yet.', { status: 503 });
	}
}

async function cacheFirst(request: Request): Promise<Response> {
	const cached = await caches.match(request, { cacheName });
	return cached ?? fetch(request);
}

worker.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	// The relay's API shares this origin; it must never be answered from a cache.
	if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
	if (request.mode === 'navigate') {
		event.respondWith(navigate(request));
		return;
	}
	if (precache.includes(url.pathname) || url.pathname.includes(WORKERS))
		event.respondWith(cacheFirst(request));
});
