import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { jspdfSlim } from '../jspdf-slim';
import { libxml2WasmAsset } from '../libxml2-wasm';
import { pdfAliases } from '../pdf-aliases';
import { yjsAliases } from '../yjs-aliases';

const root = fileURLToPath(new URL('./browser', import.meta.url));

export default defineConfig({
	root,
	// Relative asset paths: the seeding page is served under a path of the app's origin.
	base: './',
	logLevel: 'warn',
	resolve: {
		// The app's aliases (svelte.config.js, vite.config.ts): the protocol package under relay/,
		// one zod, the app's, for it too, the PDF libraries' (scripts/pdf-aliases.ts) and Yjs's
		// decoding (scripts/yjs-aliases.ts).
		alias: {
			$lib: fileURLToPath(new URL('../../src/lib', import.meta.url)),
			$protocol: fileURLToPath(new URL('../../relay/src/protocol', import.meta.url)),
			zod: fileURLToPath(new URL('../../node_modules/zod', import.meta.url)),
			...pdfAliases,
			...yjsAliases
		}
	},
	// as the app's (vite.config.ts): the slimmed jsPDF, libxml2's WebAssembly as an asset of its own
	worker: { format: 'es', plugins: () => [jspdfSlim(), libxml2WasmAsset()] },
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
