// jsPDF without the plugins our PDFs never call, for the app's build (vite.config.ts) and the
// bench's (scripts/bench/vite.bench.config.ts). jsPDF ships as one ES bundle whose plugins
// register themselves on jsPDF.API as side effects, so the bundler cannot leave any of them out,
// and the PDF worker compiled all of them (about 95 ms of its cold first PDF) before its first
// render. This plugin builds jsPDF from its unminified ES bundle (the same code as the minified
// one, with stable text to find each plugin by) with the blocks below cut out; the app's bundler
// minifies the rest. Each cut is found by exact text, starts right after its marker and ends
// before the next plugin's IIFE: a jsPDF upgrade that moves or rewraps one fails the build here,
// never silently. `vite dev` and Vitest load the full jsPDF (the plugin applies to builds only),
// which is why jspdf-slim.spec.ts renders with both and compares the bytes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

/**
 * A block of jsPDF's ES bundle to leave out: it starts at `from`, which begins inside `marker`
 * (which occurs exactly once) or follows it with only comments and whitespace between, and ends
 * after the first `through` after that (or after the first `after` after that, for a block that
 * spans several plugins), with no other plugin's IIFE opening at the start of a line on the way.
 */
export interface JspdfCut {
	name: string;
	marker: string;
	from: string;
	after?: string;
	through: string;
}

/** A plugin's self-registering IIFE, found by its doc comment's `@name`. */
function plugin(name: string): JspdfCut {
	return {
		name,
		marker: ` * @name ${name}\n * @module\n */\n`,
		from: '(function (jsPDFAPI) {',
		through: '\n})(jsPDF.API);'
	};
}

/**
 * What we leave out and why. What we keep is what render-pdf.ts, fonts.ts, prepare-image.ts,
 * stream-filters.ts and text-hooks.ts reach: the core (text, lines, rects, pages, properties,
 * creation date, file id), annotations (links), the stream filters, JPEG and PNG (and RGBA)
 * images, setLanguage, split_text_to_size and the standard font metrics the core calls, TTF
 * fonts (ttfsupport, utf8 / Identity-H, the virtual file system, TTFFont and its subsetter).
 */
export const jspdfCuts: readonly JspdfCut[] = [
	{
		// Form fields (AcroForm* classes, addField): our PDFs have no form. Its exports go too.
		// The `jsPDFAPI` alias before it stays: later top-level code may name it.
		name: 'acroform',
		marker: 'var jsPDFAPI = jsPDF.API;\nvar scaleFactor = 1;\n',
		from: 'var scaleFactor = 1;',
		through: '\nvar AcroForm = jsPDF.AcroForm;'
	},
	// Arabic shaping: text-hooks.ts removes its hook from every document anyway (the embedded
	// fonts draw no Arabic letter).
	plugin('arabic'),
	plugin('autoprint'),
	// canvas and context2d: drawing through a canvas-like API, used by html() and svg import.
	plugin('canvas'),
	// cell: jsPDF's own tables; ours are laid out by layout.ts and drawn as text and lines.
	plugin('cell'),
	plugin('context2d'),
	// fileloading: loads files over XMLHttpRequest; our fonts and images arrive as bytes.
	plugin('fileloading'),
	plugin('html'),
	plugin('javascript'),
	// outline: bookmarks; it writes nothing unless one is added, and we add none.
	plugin('outline'),
	{
		// GIF, BMP and WebP: their decoders and the JPEG encoder they re-encode through. A logo
		// is stored as PNG or JPEG (image-info.ts refuses the rest before jsPDF sees it).
		name: 'gif-bmp-webp',
		marker: 'function GifReader(buf) {',
		from: 'function GifReader(buf) {',
		after: ' * @name webp_support\n * @module\n */\n',
		through: '\n})(jsPDF.API);'
	},
	plugin('svg'),
	plugin('total_pages'),
	// viewerpreferences: writes nothing unless set, and we set none.
	plugin('viewerpreferences'),
	{
		// XMP metadata (addMetadata): our document information is setProperties' Info dictionary.
		name: 'xmp-metadata',
		marker: ' * jsPDF XMP metadata plugin\n',
		from: 'function postPutResources() {',
		through: '\n  return this;\n};'
	},
	{
		// The bidi engine: text-hooks.ts removes its hook from every document anyway (the embedded
		// fonts draw no Hebrew or Arabic letter and text-fallback.ts replaces bidi controls).
		name: 'bidi-engine',
		marker: ' * Unicode Bidi Engine based on the work of Alex Shensis',
		from: '(function (jsPDF) {',
		through: '\n})(jsPDF);'
	}
];

/** The bundle's exports: AcroForm's classes are gone with it. */
export const jspdfExports = {
	full: 'export { AcroForm, AcroFormAppearance, AcroFormButton, AcroFormCheckBox, AcroFormChoiceField, AcroFormComboBox, AcroFormEditBox, AcroFormListBox, AcroFormPasswordField, AcroFormPushButton, AcroFormRadioButton, AcroFormTextField, GState, ShadingPattern, TilingPattern, jsPDF as default, jsPDF };',
	slim: 'export { GState, ShadingPattern, TilingPattern, jsPDF as default, jsPDF };'
};

/** Another plugin's self-registering IIFE, opening at the start of a line. */
const NEXT_IIFE = '\n(function (';

/** Whitespace and comments only. */
const COMMENTS = /^(?:\s|\/\*[^]*?\*\/|\/\/[^\n]*)*$/;

/**
 * Whether only comments and whitespace sit between `at` and `to`; `at` may be inside the block
 * comment a marker is part of, up to its close.
 */
function onlyCommentsBetween(source: string, at: number, to: number): boolean {
	if (to <= at) return true;
	let gap = source.slice(at, to);
	if (source.lastIndexOf('/*', at - 1) > source.lastIndexOf('*/', at - 2)) {
		const close = gap.indexOf('*/');
		if (close < 0) return false;
		gap = gap.slice(close + 2);
	}
	return COMMENTS.test(gap);
}

function onlyIndexOf(source: string, text: string, what: string): number {
	const at = source.indexOf(text);
	if (at < 0 || source.indexOf(text, at + 1) >= 0)
		throw new Error(`jspdf-slim: ${what} is ${at < 0 ? 'not found' : 'not unique'} in jsPDF`);
	return at;
}

/**
 * jsPDF's ES bundle without the cuts. Throws if a marker is missing or ambiguous or if the cuts
 * overlap. That what is kept never reads what was cut out, and keeps every method the app calls,
 * is jspdf-slim.spec.ts's to check (a parse of the whole bundle takes seconds, too long for
 * each build).
 */
export function slimJspdf(source: string, cuts: readonly JspdfCut[] = jspdfCuts): string {
	const ranges = cuts
		.map((cut) => {
			const marker = onlyIndexOf(source, cut.marker, `the marker of "${cut.name}"`);
			const start = source.indexOf(cut.from, marker);
			const after = start < 0 ? -1 : source.indexOf(cut.after ?? cut.from, start);
			const end = after < 0 ? -1 : source.indexOf(cut.through, after + 1);
			if (start < 0 || after < 0 || end < 0)
				throw new Error(`jspdf-slim: the block of "${cut.name}" is not found in jsPDF`);
			// Anchored: a changed wrapper must not move the cut to the next plugin's IIFE or end.
			if (!onlyCommentsBetween(source, marker + cut.marker.length, start))
				throw new Error(`jspdf-slim: "${cut.name}" does not start right after its marker`);
			const opened = after + (cut.after ?? cut.from).length;
			const next = source.indexOf(NEXT_IIFE, opened);
			if (next >= 0 && next < end)
				throw new Error(`jspdf-slim: "${cut.name}" does not end before the next plugin`);
			return { name: cut.name, start, end: end + cut.through.length };
		})
		.sort((a, b) => a.start - b.start);
	let kept = '';
	let cursor = 0;
	for (const range of ranges) {
		if (range.start < cursor) throw new Error(`jspdf-slim: "${range.name}" overlaps another cut`);
		kept += `${source.slice(cursor, range.start)}/* jspdf-slim: ${range.name} left out */`;
		cursor = range.end;
	}
	kept += source.slice(cursor);
	onlyIndexOf(kept, jspdfExports.full, "jsPDF's export list");
	kept = kept.replace(jspdfExports.full, jspdfExports.slim);
	return kept;
}

const require = createRequire(import.meta.url);

/** Resolves `jspdf` to its unminified ES bundle and loads it slimmed (builds only). */
export function jspdfSlim(): Plugin {
	const bundle = require.resolve('jspdf/dist/jspdf.es.js');
	return {
		name: 'billfold:jspdf-slim',
		apply: 'build',
		enforce: 'pre',
		resolveId(source) {
			return source === 'jspdf' ? bundle : null;
		},
		load(id) {
			return id === bundle ? slimJspdf(readFileSync(bundle, 'utf8')) : null;
		}
	};
}
