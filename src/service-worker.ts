/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;
const cacheName = `billfold-${version}`;
// `/` rather than `/index.html`: the shell is served at `/` by every host we run on.
const precache = ['/', ...build, ...files.filter((file) => !file.startsWith('/fonts/source/'))];

worker.addEventListener('install', (event) => {
	event.waitUntil(caches.open(cacheName).then((cache) => cache.addAll(precache)));
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
	if (precache.includes(url.pathname)) event.respondWith(cacheFirst(request));
});
