import { sveltekit } from '@sveltejs/kit/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const leftOut = fileURLToPath(new URL('./src/lib/pdf/left-out.ts', import.meta.url));

export default defineConfig({
	plugins: [sveltekit()],
	resolve: {
		// $protocol's files sit under relay/, whose own node_modules has a zod too. One zod in the
		// bundle: the CSP's z.config({ jitless: true }) (src/lib/zod-csp.ts) must reach every schema.
		alias: {
			zod: fileURLToPath(new URL('./node_modules/zod', import.meta.url)),
			// jsPDF's optional HTML and SVG import, which our PDFs never use: not built, not precached.
			...Object.fromEntries(['html2canvas', 'canvg', 'dompurify'].map((name) => [name, leftOut]))
		}
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
