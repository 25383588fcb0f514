// What each built file is made of, by concern (a package, or a folder of src/lib), so the bench can
// name the largest precached files and check that jsPDF and pdf-lib ship once. Vite's manifest
// covers only the page's build: each Web Worker is a separate build with no manifest, and its
// chunks would otherwise be anonymous hashes. The plugin runs in every build (the page's and each
// worker's) and writes one JSON file per build under .svelte-kit/output/, which SvelteKit clears
// at the start of a build and never ships.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CHUNK_CONCERNS_DIR = join(ROOT, '.svelte-kit/output/chunk-concerns');

/** Bytes of each concern in one built file, by the file's path in the build. */
export type FileConcerns = Record<string, Record<string, number>>;

/**
 * The concern of a module id: its package (the innermost node_modules), or its folder under the
 * project (src/lib/pdf, src/lib/pdf/fonts, relay/src/protocol); every route is `src/routes`.
 */
export function concernOf(id: string, root: string): string {
	const path = id.replace(/^\0+/, '').split('?')[0] ?? '';
	const packages = path.split(/[\\/]node_modules[\\/]/);
	if (packages.length > 1) {
		const [scope = '', name = ''] = (packages.at(-1) ?? '').split(/[\\/]/);
		return scope.startsWith('@') ? `${scope}/${name}` : scope;
	}
	// a virtual module of the bundler (vite/preload-helper, rolldown/runtime)
	if (!isAbsolute(path)) return path.split('/')[0] || 'other';
	const inside = relative(root, path).split(sep).join('/');
	if (inside.startsWith('..') || inside === '') return 'other';
	if (inside.startsWith('src/routes/')) return 'src/routes';
	if (inside.startsWith('.svelte-kit/')) return '@sveltejs/kit';
	return inside.includes('/') ? inside.slice(0, inside.lastIndexOf('/')) : inside;
}

export function chunkConcerns(): Plugin {
	return {
		name: 'billfold:chunk-concerns',
		apply: 'build',
		generateBundle(_options, bundle) {
			const files: FileConcerns = {};
			for (const output of Object.values(bundle)) {
				const bytes: Record<string, number> = {};
				if (output.type === 'chunk') {
					for (const [id, module] of Object.entries(output.modules)) {
						const concern = concernOf(id, ROOT);
						bytes[concern] = (bytes[concern] ?? 0) + module.renderedLength;
					}
				} else {
					const source = output.originalFileNames[0];
					if (source === undefined) continue;
					bytes[concernOf(resolve(ROOT, source), ROOT)] = output.source.length;
				}
				files[output.fileName] = bytes;
			}
			const names = Object.keys(files).sort();
			if (names.length === 0) return;
			const key = createHash('sha256').update(names.join('\n')).digest('hex').slice(0, 16);
			mkdirSync(CHUNK_CONCERNS_DIR, { recursive: true });
			writeFileSync(join(CHUNK_CONCERNS_DIR, `${key}.json`), JSON.stringify(files));
		}
	};
}
