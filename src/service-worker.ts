/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

/** Content hashes of the files in static/, by URL (vite.config.ts). */
declare const __BILLFOLD_STATIC_REVISIONS__: Record<string, string>;

const worker = self as unknown as ServiceWorkerGlobalScope;

// Workbox keeps one cache and, on an update, downloads only the entries whose URL or revision
// changed: Vite's files carry their hash in their name (no revision needed), static files a hash
// of their content, and the shell the build version (it names every asset of the build).
// `/` rather than `/index.html`: the shell is served at `/` by every host we run on.
const WORKERS = '/_app/immutable/workers/';
const WORKER_ENTRIES = build.filter((file) => file.startsWith(WORKERS));
const precache = [
	{ url: '/', revision: version },
	// The workers' entries go to the worker cache with the files they load (below): in both, an
	// install downloaded and stored each twice, as the two caches fill at the same time.
	...build.filter((url) => !url.startsWith(WORKERS)).map((url) => ({ url, revision: null })),
	...files.map((url) => ({ url, revision: __BILLFOLD_STATIC_REVISIONS__[url] ?? version }))
];

// SvelteKit's `build` names each bundled Web Worker's entry but not what the worker loads: its
// chunks and assets (the official Peppol rules and UBL schemas of the rules worker). Those are
// found in the workers' own code and kept, with the entries, in a cache of their own; their names
// carry their hash too, so an update fetches only the new ones.
const WORKER_CACHE = 'billfold-worker-files';
const REFERENCE = /(["'`])((?:\.{1,2}\/|\/_app\/immutable\/workers\/)[\w./-]+\.\w+)\1/g;

/** The script text of a worker file, from the worker cache or, stored there first, the network. */
async function workerScript(cache: Cache, path: string): Promise<string | undefined> {
	let response = await cache.match(path);
	if (!response) {
		await cache.add(path);
		response = await cache.match(path);
	}
	return response && path.endsWith('.js') ? response.text() : undefined;
}

/** Every file the bundled workers load, following the references of each script. */
async function cacheWorkerFiles(): Promise<Set<string>> {
	const cache = await caches.open(WORKER_CACHE);
	const seen = new Set<string>(WORKER_ENTRIES);
	const queue = [...WORKER_ENTRIES];
	for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
		const text = await workerScript(cache, file);
		if (text === undefined) continue;
		for (const match of text.matchAll(REFERENCE)) {
			const path = new URL(match[2] ?? '', new URL(file, location.origin)).pathname;
			if (!path.includes(WORKERS) || seen.has(path)) continue;
			seen.add(path);
			queue.push(path);
		}
	}
	return seen;
}

/** Drops the worker files no bundled worker of this version loads any more. */
async function pruneWorkerFiles(): Promise<void> {
	const wanted = await cacheWorkerFiles();
	const cache = await caches.open(WORKER_CACHE);
	for (const request of await cache.keys()) {
		if (!wanted.has(new URL(request.url).pathname)) await cache.delete(request);
	}
}

worker.addEventListener('install', (event) => event.waitUntil(cacheWorkerFiles()));

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			// The hand-written worker before this one kept a whole copy per version.
			for (const key of await caches.keys()) {
				if (/^billfold-[0-9a-z]+$/.test(key) && key !== WORKER_CACHE) await caches.delete(key);
			}
			await pruneWorkerFiles();
			await worker.clients.claim();
		})()
	);
});

worker.addEventListener('message', (event) => {
	if (event.data && event.data.type === 'SKIP_WAITING') void worker.skipWaiting();
});

// Registered before the precache's route, so it wins: a navigation goes to the network first
// (a deployed update is seen at once) and falls back to the cached shell offline. The relay's API
// shares this origin; it must never be answered from a cache.
registerRoute(
	new NavigationRoute(
		async ({ request }) => {
			try {
				return await fetch(request);
			} catch {
				return (
					(await matchPrecache('/')) ??
					new Response('Offline and the app is not cached yet.', { status: 503 })
				);
			}
		},
		{ denylist: [/^\/api\//] }
	)
);

registerRoute(
	({ url }) => url.origin === location.origin && url.pathname.startsWith(WORKERS),
	async ({ request }) =>
		(await matchPrecache(request.url)) ??
		(await caches.match(request, { cacheName: WORKER_CACHE })) ??
		fetch(request)
);

cleanupOutdatedCaches();
// Files are requested by their exact URL: no ".html" to guess for a route's path.
precacheAndRoute(precache, { cleanURLs: false });
