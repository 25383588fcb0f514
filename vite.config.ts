import { sveltekit } from '@sveltejs/kit/vite';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chunkConcerns } from './scripts/chunk-concerns';
import { jspdfSlim } from './scripts/jspdf-slim';
import { libxml2WasmAsset } from './scripts/libxml2-wasm';
import { pdfAliases } from './scripts/pdf-aliases';
import { yjsAliases } from './scripts/yjs-aliases';
import { defineConfig } from 'vitest/config';

/**
 * A content hash of each file in static/, by URL: the service worker's precache revisions, so an
 * update downloads a static file only when it changed (Vite's own files carry a hash in their name).
 */
function staticRevisions(): Record<string, string> {
	const root = fileURLToPath(new URL('./static', import.meta.url));
	const revisions: Record<string, string> = {};
	for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		const url = `/${relative(root, path).split(sep).join('/')}`;
		revisions[url] = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
	}
	return revisions;
}

export default defineConfig({
	// chunkConcerns: what each built file is made of, for the bench (nothing of it ships)
	plugins: [sveltekit(), chunkConcerns()],
	// SvelteKit hands `define` to its service-worker build too (src/service-worker.ts).
	define: { __BILLFOLD_STATIC_REVISIONS__: JSON.stringify(staticRevisions()) },
	resolve: {
		// $protocol's files sit under relay/, whose own node_modules has a zod too. One zod in the
		// bundle: the CSP's z.config({ jitless: true }) (src/lib/zod-csp.ts) must reach every schema.
		alias: {
			zod: fileURLToPath(new URL('./node_modules/zod', import.meta.url)),
			// jsPDF's unused optional dependencies left out, and one pako (scripts/pdf-aliases.ts)
			...pdfAliases,
			// Yjs reads short strings without a TextDecoder call each (scripts/yjs-aliases.ts)
			...yjsAliases
		}
	},
	// The official-rules worker loads libxml2-wasm, which uses top-level await; its WebAssembly
	// ships as an asset of its own (scripts/libxml2-wasm.ts).
	// jsPDF without the plugins our PDFs never call (scripts/jspdf-slim.ts), in the PDF worker.
	worker: { format: 'es', plugins: () => [jspdfSlim(), libxml2WasmAsset(), chunkConcerns()] },
	test: {
		include: ['src/**/*.spec.ts', 'tests/integration/**/*.spec.ts', 'scripts/**/*.spec.ts'],
		environment: 'node',
		globalSetup: ['tests/integration/build-relay.ts', 'tests/integration/compile-rules.ts'],
		// Yjs is transformed like our code, so the specs run it with the aliased decoding the app
		// ships (scripts/yjs-aliases.ts) instead of Node loading lib0's own.
		server: { deps: { inline: ['yjs'] } },
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
