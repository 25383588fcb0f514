import { describe, expect, it } from 'vitest';
import { concernOf } from './chunk-concerns';

const root = '/work/app';

describe('concernOf', () => {
	it('names a package by its innermost node_modules, with its scope', () => {
		expect(concernOf('/work/app/node_modules/jspdf/dist/jspdf.es.min.js', root)).toBe('jspdf');
		expect(concernOf('/work/app/node_modules/@pdf-lib/upng/UPNG.js', root)).toBe('@pdf-lib/upng');
		expect(concernOf('/work/app/node_modules/fast-png/node_modules/pako/dist/pako.mjs', root)).toBe(
			'pako'
		);
		expect(concernOf('\0/work/app/node_modules/pako/index.js?commonjs-module', root)).toBe('pako');
	});

	it("names the project's own modules by their folder, and every route as src/routes", () => {
		expect(concernOf('/work/app/src/lib/pdf/fonts/noto-emoji.ts', root)).toBe('src/lib/pdf/fonts');
		expect(concernOf('/work/app/src/lib/pdf/pdf.worker.ts?worker_file&type=module', root)).toBe(
			'src/lib/pdf'
		);
		expect(concernOf('/work/app/src/routes/invoices/[id]/+page.svelte', root)).toBe('src/routes');
		expect(concernOf('/work/app/.svelte-kit/generated/client-optimized/app.js', root)).toBe(
			'@sveltejs/kit'
		);
	});

	it("names the bundler's virtual modules by their first segment", () => {
		expect(concernOf('\0vite/preload-helper.js', root)).toBe('vite');
		expect(concernOf('/elsewhere/file.js', root)).toBe('other');
	});
});
