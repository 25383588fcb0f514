import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./browser', import.meta.url));

export default defineConfig({
	root,
	// Relative asset paths: the seeding page is served under a path of the app's origin.
	base: './',
	logLevel: 'warn',
	resolve: { alias: { $lib: fileURLToPath(new URL('../../src/lib', import.meta.url)) } },
	worker: { format: 'es' },
	build: {
		outDir: fileURLToPath(new URL('../../node_modules/.cache/billfold-bench', import.meta.url)),
		emptyOutDir: true,
		target: 'es2022',
		rollupOptions: {
			input: {
				index: fileURLToPath(new URL('./browser/index.html', import.meta.url)),
				seed: fileURLToPath(new URL('./browser/seed.html', import.meta.url))
			}
		}
	}
});
