import { Linter } from 'eslint';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmdirSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jspdfCuts, slimJspdf } from './jspdf-slim';

const bundle = createRequire(import.meta.url).resolve('jspdf/dist/jspdf.es.js');
const source = readFileSync(bundle, 'utf8');

/** What a module reads without declaring it (ESLint's no-undef): globals, or a cut too many. */
function freeNames(code: string): Set<string> {
	const messages = new Linter({ configType: 'flat' }).verify(code, [
		{ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' }, rules: { 'no-undef': 2 } }
	]);
	const fatal = messages.find((message) => message.fatal);
	if (fatal) throw new Error(`does not parse: ${fatal.message}`);
	return new Set(
		messages.map((message) => /'(.+)' is not defined/.exec(message.message)?.[1] ?? '')
	);
}

/** Every jsPDF method render-pdf.ts, fonts.ts and prepare-image.ts call on a document. */
const documentMethods = [
	'addPage',
	'setFontSize',
	'setTextColor',
	'setFont',
	'text',
	'setFillColor',
	'rect',
	'fill',
	'setDrawColor',
	'setLineWidth',
	'line',
	'addImage',
	'link',
	'output',
	'setCreationDate',
	'setFileId',
	'setProperties',
	'setLanguage',
	'addFileToVFS',
	'addFont',
	'processPNG',
	'processJPEG'
];

describe('jspdf-slim', () => {
	let slim: string;
	let jsPDF: { new (): Record<string, unknown>; API: Record<string, unknown> };
	let file = '';
	// Under node_modules, so its own imports (fflate, fast-png, @babel/runtime) resolve; one
	// folder per run, so a run that ends never removes another's module.
	const cache = fileURLToPath(new URL('../node_modules/.cache/jspdf-slim-spec', import.meta.url));
	const folder = join(cache, String(process.pid));

	beforeAll(async () => {
		slim = slimJspdf(source);
		mkdirSync(folder, { recursive: true });
		file = join(folder, 'jspdf.slim.mjs');
		writeFileSync(file, slim);
		({ jsPDF } = await import(/* @vite-ignore */ pathToFileURL(file).href));
	});

	afterAll(() => {
		rmSync(folder, { recursive: true, force: true });
		// The shared folder too, unless another run still has its folder in it.
		if (existsSync(cache) && readdirSync(cache).length === 0) rmdirSync(cache);
	});

	it('leaves out most of jsPDF', () => {
		expect(slim.length).toBeLessThan(source.length / 2);
		for (const cut of jspdfCuts) expect(slim).toContain(`/* jspdf-slim: ${cut.name} left out */`);
	});

	it('keeps everything the kept code reads', () => {
		const before = freeNames(source);
		expect([...freeNames(slim)].filter((name) => !before.has(name))).toEqual([]);
	});

	it('keeps every method the app calls, and drops the plugins it does not', () => {
		const doc = new jsPDF();
		for (const method of documentMethods) expect(typeof doc[method], method).toBe('function');
		expect(typeof (jsPDF.API['TTFFont'] as { open?: unknown }).open).toBe('function');
		expect(typeof jsPDF.API['processDataByFilters']).toBe('function');
		for (const method of ['html', 'addField', 'addSvgAsImage', 'cell', 'processGIF89A'])
			expect(doc[method], method).toBeUndefined();
	});

	it('renders the same bytes as the full jsPDF: plain, extended glyphs, UBL, logos, stored images', async () => {
		const fixture = (name: string, type: string) =>
			`data:${type};base64,${readFileSync(
				new URL(`../tests/fixtures/pdf/${name}`, import.meta.url)
			).toString('base64')}`;
		const logo = fixture('logo.png', 'image/png');
		// A JPEG logo ships as JPEG (logo-image.ts keeps it, or re-encodes a resized one with
		// canvas.toDataURL('image/jpeg'), as this fixture was made): jpeg_support must stay.
		const jpeg = fixture('logo.jpg', 'image/jpeg');
		// The renderer as the app's build makes it (jspdf-slim resolves `jspdf` to this bundle),
		// with the full bundle or the slim one; creation date and file id come from the document.
		async function renders(jspdf: string): Promise<{ bidi: boolean; bytes: Uint8Array[] }> {
			vi.resetModules();
			vi.doMock('jspdf', () => import(/* @vite-ignore */ jspdf));
			try {
				const { renderInvoicePdf } = await import('../src/lib/pdf/index');
				const { prepareEmbeddedImage } = await import('../src/lib/pdf/prepare-image');
				const sample = await import('../src/lib/pdf/sample-invoice');
				const document = sample.sampleInvoiceDocument();
				const glyphs = {
					...document,
					lines: document.lines.map((line) =>
						line.type === 'item'
							? { ...line, description: `${line.description} ☕ 🚀 Łódź Ωμέγα ✓ مرحبا שלום` }
							: line
					)
				};
				const stored = prepareEmbeddedImage(logo);
				if (typeof stored === 'string') throw new Error(`logo not prepared: ${stored}`);
				const storedJpeg = prepareEmbeddedImage(jpeg);
				if (typeof storedJpeg === 'string') throw new Error(`JPEG not prepared: ${storedJpeg}`);
				// Stored as the JPEG itself, for the PDF to decode (not re-encoded to PNG).
				expect(storedJpeg.filter).toBe('DCTDecode');
				expect(storedJpeg.data).toBe(jpeg.slice(jpeg.indexOf(',') + 1));
				const header = sample.sampleHeader(logo);
				const jpegHeader = sample.sampleHeader(jpeg);
				const pdfs = [
					await renderInvoicePdf(document),
					await renderInvoicePdf(glyphs),
					await renderInvoicePdf(document, { ubl: '<Invoice/>' }),
					await renderInvoicePdf(document, { header, footer: sample.sampleFooter() }),
					await renderInvoicePdf(document, { header, images: [stored] }),
					await renderInvoicePdf(document, { header: jpegHeader, footer: sample.sampleFooter() }),
					await renderInvoicePdf(document, { header: jpegHeader, images: [storedJpeg] })
				];
				// Which bundle the renderer got: only the full one has the Arabic parser.
				const { jsPDF: used } = await import('jspdf');
				return { bidi: 'processArabic' in used.API, bytes: pdfs.map((pdf) => pdf.bytes) };
			} finally {
				vi.doUnmock('jspdf');
				vi.resetModules();
			}
		}
		const full = await renders(pathToFileURL(bundle).href);
		const slimmed = await renders(pathToFileURL(file).href);
		expect([full.bidi, slimmed.bidi]).toEqual([true, false]);
		expect(full.bytes).toHaveLength(7);
		// The JPEG renders embed it, so an image left out on both sides cannot pass as equal.
		for (const index of [5, 6])
			expect(Buffer.from(full.bytes[index] ?? []).includes('/DCTDecode'), `render ${index}`).toBe(
				true
			);
		slimmed.bytes.forEach((bytes, index) =>
			expect(
				Buffer.from(bytes).equals(Buffer.from(full.bytes[index] ?? [])),
				`render ${index}`
			).toBe(true)
		);
	});

	it('fails loudly when jsPDF no longer has a marker, or has it twice', () => {
		const [first] = jspdfCuts;
		if (!first) throw new Error('no cuts');
		expect(() => slimJspdf(source.replace(first.marker, ''))).toThrow(/not found/);
		expect(() => slimJspdf(`${source}\n/*${first.marker}*/`)).toThrow(/not unique/);
		expect(() => slimJspdf(source.replace('export { AcroForm,', 'export { AcroForms,'))).toThrow(
			/export list/
		);
	});

	it('fails loudly when a plugin wrapper changes, instead of cutting into the next plugin', () => {
		const cell = ' * @name cell\n * @module\n */\n';
		expect(() => slimJspdf(source.replace(cell, `${cell}var moved = 1;\n`))).toThrow(
			/"cell" does not start right after its marker/
		);
		const close = '\n})(jsPDF.API);';
		const outlineEnd = source.indexOf(close, source.indexOf(' * @name outline\n'));
		const reopened = `${source.slice(0, outlineEnd)}\n})(jsPDF.API, {});${source.slice(outlineEnd + close.length)}`;
		expect(() => slimJspdf(reopened)).toThrow(/"outline" does not end before the next plugin/);
	});
});
