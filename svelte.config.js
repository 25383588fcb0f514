import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { buildVersion } from './scripts/build-version.mjs';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
		// Registered through workbox-window so the page can prompt before an update takes over.
		serviceWorker: { register: false },
		// The service worker's cache and the update prompt follow this: same sources, same version.
		version: { name: buildVersion(fileURLToPath(new URL('.', import.meta.url))) },
		// A cached shell served at a nested URL must still find its assets.
		paths: { relative: false },
		// The wire format lives with the relay, which compiles and deploys it alone; the app reads
		// the same files (relay/README.md). vite.config.ts keeps their zod on the app's copy.
		alias: { $protocol: 'relay/src/protocol' },
		// The bench, the render CLI and the build helpers are held to the same strict types.
		typescript: {
			config: (tsconfig) => {
				tsconfig.include.push('../scripts/**/*.ts');
				return tsconfig;
			}
		}
	}
};

export default config;
