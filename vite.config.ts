import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// The official-rules worker loads libxml2-wasm, which uses top-level await.
	worker: { format: 'es' },
	test: {
		include: ['src/**/*.spec.ts', 'tests/integration/**/*.spec.ts', 'scripts/**/*.spec.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
