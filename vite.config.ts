import { sveltekit } from '@sveltejs/kit/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	resolve: {
		// $protocol's files sit under relay/, whose own node_modules has a zod too. One zod in the
		// bundle: the CSP's z.config({ jitless: true }) (src/lib/zod-csp.ts) must reach every schema.
		alias: { zod: fileURLToPath(new URL('./node_modules/zod', import.meta.url)) }
	},
	// The official-rules worker loads libxml2-wasm, which uses top-level await.
	worker: { format: 'es' },
	test: {
		include: ['src/**/*.spec.ts', 'tests/integration/**/*.spec.ts', 'scripts/**/*.spec.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
