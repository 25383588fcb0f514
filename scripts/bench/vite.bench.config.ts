import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./browser', import.meta.url));

export default defineConfig({
	root,
	logLevel: 'warn',
	resolve: { alias: { $lib: fileURLToPath(new URL('../../src/lib', import.meta.url)) } },
	worker: { format: 'es' },
	build: {
		outDir: fileURLToPath(new URL('../../node_modules/.cache/billfold-bench', import.meta.url)),
		emptyOutDir: true,
		target: 'es2022'
	}
});
