import { toBase64 } from '$lib/bytes';
import { jsPDF } from 'jspdf';
import type { FontMetrics, FontStyle } from './draw-ops';
import { fontFile, type FontKey } from './font-files';
import { rememberDeflated } from './stream-filters';

/** The part of jsPDF's TrueType parser (jsPDF.API.TTFFont, untyped) that we use. */
interface ParsedFont {
	characterToGlyph(codeUnit: number): number;
	widthOfGlyph(glyph: number): number;
	ascender: number;
	decender: number;
	/** jsPDF's subsetter: writes a TrueType program holding the given glyphs. */
	subset: { encode(glyphIds: number[], indexToLocFormat: number): Uint8Array | number[] };
}

interface TtfFontClass {
	open(bytes: Uint8Array): ParsedFont;
}

export const FONT_FAMILY = 'Inter';
/** Inter's glyphs beyond what nl, fr, en and de invoices print (Latin Extended-A, Greek …). */
export const EXTENDED_FONT_FAMILY = 'InterExtended';
/** The fallback for emoji and symbols Inter lacks; one style, used for every style of text. */
export const EMOJI_FONT_FAMILY = 'NotoEmoji';

/** Which embedded font draws a run of text. */
export type FontFile = 'core' | 'extended' | 'emoji';

const JSPDF_STYLE: Record<FontStyle, string> = {
	regular: 'normal',
	bold: 'bold',
	italic: 'italic',
	boldItalic: 'bolditalic'
};

function ttfFontClass(): TtfFontClass | undefined {
	const api = jsPDF.API as unknown as { TTFFont?: TtfFontClass };
	return typeof api.TTFFont?.open === 'function' ? api.TTFFont : undefined;
}

interface LoadedFont {
	program: Uint8Array;
	/** A core file: embedded whole, its deflated stream made at build time. */
	whole: boolean;
	parsed: ParsedFont;
	widths: Map<number, number>;
	/** Of a core style file: the advances of the code units the core files draw. */
	coreAdvances: Map<number, number>;
}

/** Parsed once per page load (or worker) and shared by every document made after. */
const loaded = new Map<FontKey, Promise<LoadedFont>>();

function loadFont(key: FontKey): Promise<LoadedFont> {
	let font = loaded.get(key);
	if (!font) {
		font = fontFile(key).then(({ program, deflated }) => {
			const parser = ttfFontClass();
			if (!parser)
				throw new Error('jsPDF no longer exposes its TrueType parser (jsPDF.API.TTFFont)');
			if (deflated) rememberDeflated(program, deflated);
			return {
				program,
				whole: deflated !== undefined,
				parsed: parser.open(program),
				widths: new Map(),
				coreAdvances: new Map()
			};
		});
		font.catch(() => loaded.delete(key));
		loaded.set(key, font);
	}
	return font;
}

/** What a document needs besides the core files of its styles. */
export interface FontNeeds {
	/** A character of Inter beyond the core files (Latin Extended-A, Greek, Cyrillic …). */
	extended?: boolean;
	/** An emoji or symbol only Noto Emoji draws. */
	emoji?: boolean;
}

export class EmbeddedFonts implements FontMetrics {
	readonly ascent: number;
	readonly descent: number;

	constructor(
		private readonly fonts: ReadonlyMap<FontStyle, LoadedFont>,
		/** Loaded only for a document with a character beyond the core files, per style. */
		private readonly extended?: ReadonlyMap<FontStyle, LoadedFont>,
		/** Loaded only for a document with emoji or symbols Inter lacks. */
		private readonly emoji?: LoadedFont
	) {
		const regular = fonts.get('regular');
		if (!regular) throw new Error('the regular font style is always needed');
		this.ascent = regular.parsed.ascender / 1000;
		this.descent = -regular.parsed.decender / 1000;
	}

	get hasEmoji(): boolean {
		return this.emoji !== undefined;
	}

	private font(style: FontStyle): LoadedFont {
		const font = this.fonts.get(style);
		if (!font) throw new Error(`font style ${style} was not loaded`);
		return font;
	}

	private static draws(font: LoadedFont | undefined, codeUnit: number): boolean {
		return font !== undefined && font.parsed.characterToGlyph(codeUnit) !== 0;
	}

	/** The file that draws a code unit: core, else extended, else emoji (core for none). */
	fileOf(codeUnit: number): FontFile {
		if (EmbeddedFonts.draws(this.fonts.get('regular'), codeUnit)) return 'core';
		if (EmbeddedFonts.draws(this.extended?.get('regular'), codeUnit)) return 'extended';
		if (EmbeddedFonts.draws(this.emoji, codeUnit)) return 'emoji';
		return 'core';
	}

	covers(codeUnit: number): boolean {
		return (
			EmbeddedFonts.draws(this.fonts.get('regular'), codeUnit) ||
			EmbeddedFonts.draws(this.extended?.get('regular'), codeUnit) ||
			EmbeddedFonts.draws(this.emoji, codeUnit)
		);
	}

	private loadedFor(file: FontFile, style: FontStyle): LoadedFont {
		if (file === 'emoji' && this.emoji) return this.emoji;
		const extended = file === 'extended' ? this.extended?.get(style) : undefined;
		return extended ?? this.font(style);
	}

	advance(codeUnit: number, style: FontStyle): number {
		const core = this.font(style);
		// A code unit the core files draw is drawn by them in every document: known once.
		const known = core.coreAdvances.get(codeUnit);
		if (known !== undefined) return known;
		const file = this.fileOf(codeUnit);
		const { parsed, widths } = this.loadedFor(file, style);
		let width = widths.get(codeUnit);
		if (width === undefined) {
			width = parsed.widthOfGlyph(parsed.characterToGlyph(codeUnit));
			widths.set(codeUnit, width);
		}
		if (file === 'core' && EmbeddedFonts.draws(this.fonts.get('regular'), codeUnit))
			core.coreAdvances.set(codeUnit, width);
		return width;
	}

	widthOf(text: string, style: FontStyle): number {
		let total = 0;
		for (let index = 0; index < text.length; index += 1)
			total += this.advance(text.charCodeAt(index), style);
		return total / 1000;
	}

	/**
	 * A fitted string cut where it changes between the core, extended and emoji fonts: jsPDF
	 * draws each piece with one font. With the core files alone it is one piece.
	 */
	runs(text: string): { text: string; file: FontFile }[] {
		if (!this.emoji && !this.extended) return [{ text, file: 'core' }];
		const runs: { text: string; file: FontFile }[] = [];
		for (let index = 0; index < text.length; index += 1) {
			const file = this.fileOf(text.charCodeAt(index));
			const last = runs.at(-1);
			if (last && last.file === file) last.text += text[index];
			else runs.push({ text: text[index] ?? '', file });
		}
		return runs;
	}

	/**
	 * Adds the styles to a new jsPDF document without parsing the TTF again: jsPDF's addFont
	 * hook would parse whatever file it finds, so it is handed a four-byte stand-in and, for
	 * the duration of the call, a parser that returns a per-document view of the parsed font.
	 * The view owns the state jsPDF fills while writing (glyphs used, widths, ToUnicode map);
	 * the tables underneath are read-only and shared, and so are the subset programs jsPDF
	 * writes (the same glyph set gives the same program).
	 */
	register(doc: jsPDF, styles: readonly FontStyle[]): void {
		const fonts = styles.map((style) => ({
			font: this.font(style),
			family: FONT_FAMILY,
			style: JSPDF_STYLE[style]
		}));
		for (const style of styles) {
			const font = this.extended?.get(style);
			if (font) fonts.push({ font, family: EXTENDED_FONT_FAMILY, style: JSPDF_STYLE[style] });
		}
		if (this.emoji) fonts.push({ font: this.emoji, family: EMOJI_FONT_FAMILY, style: 'normal' });
		const parser = ttfFontClass();
		for (const { font, family, style } of fonts) {
			const file = `${family}-${style}.ttf`;
			if (!parser) {
				doc.addFileToVFS(file, toBase64(font.program));
				doc.addFont(file, family, style, 'Identity-H');
				continue;
			}
			// jsPDF reads a string that starts with the TrueType magic as raw bytes (no base64).
			doc.addFileToVFS(file, '\u0000\u0001\u0000\u0000');
			const open = parser.open;
			parser.open = () => documentView(font);
			try {
				doc.addFont(file, family, style, 'Identity-H');
			} finally {
				parser.open = open;
			}
		}
	}

	/** jsPDF's family and style names for a run of text in `style`. */
	static jsPdfFont(file: FontFile, style: FontStyle): [family: string, style: string] {
		if (file === 'emoji') return [EMOJI_FONT_FAMILY, 'normal'];
		return [file === 'extended' ? EXTENDED_FONT_FAMILY : FONT_FAMILY, JSPDF_STYLE[style]];
	}
}

/** Subset font programs by glyph set, per parsed font: a preview redraws the same glyphs. */
const encodedSubsets = new WeakMap<ParsedFont, Map<string, Uint8Array | number[]>>();
const SUBSETS_KEPT = 8;

function rememberingSubset(parsed: ParsedFont): ParsedFont['subset'] {
	let known = encodedSubsets.get(parsed);
	if (!known) {
		known = new Map();
		encodedSubsets.set(parsed, known);
	}
	const cache = known;
	return {
		encode(glyphIds, indexToLocFormat) {
			const key = `${indexToLocFormat}:${[...new Set(glyphIds)].sort((a, b) => a - b).join(',')}`;
			let encoded = cache.get(key);
			if (!encoded) {
				encoded = parsed.subset.encode(glyphIds, indexToLocFormat);
				if (cache.size >= SUBSETS_KEPT) cache.delete(cache.keys().next().value ?? '');
				cache.set(key, encoded);
			}
			return encoded;
		}
	};
}

/**
 * A core file is written whole: it already is the subset the four document languages print, and
 * its deflated stream was made at build time (stream-filters.ts writes it), so a fresh worker's
 * first PDF neither runs jsPDF's subsetter nor deflates a font program. The glyph ids are the
 * file's own, as the text drawn with it uses them.
 */
function wholeProgram(program: Uint8Array): ParsedFont['subset'] {
	return { encode: () => program };
}

/** A shallow copy: jsPDF checks tables with hasOwnProperty, so they must be own properties. */
function documentView({ parsed, program, whole }: LoadedFont): ParsedFont {
	const view = Object.assign(
		Object.create(Object.getPrototypeOf(parsed) as object) as object,
		parsed
	) as ParsedFont & Record<string, unknown>;
	view['subset'] = whole ? wholeProgram(program) : rememberingSubset(parsed);
	view['toUnicode'] = {};
	view['Unicode'] = { encoding: {}, kerning: {}, widths: [] };
	view['glyIdsUsed'] = [0];
	return view;
}

/**
 * Loads (once) and parses (once) the font styles a document needs, regular always; their
 * extended files and the emoji fallback only when the document has a character only they draw.
 */
export async function loadEmbeddedFonts(
	styles: readonly FontStyle[],
	needs: FontNeeds = {}
): Promise<EmbeddedFonts> {
	const wanted = [...new Set<FontStyle>(['regular', ...styles])];
	const [core, extended, emoji] = await Promise.all([
		Promise.all(wanted.map(async (style) => [style, await loadFont(style)] as const)),
		needs.extended
			? Promise.all(
					wanted.map(async (style) => [style, await loadFont(`${style}-extended`)] as const)
				)
			: undefined,
		needs.emoji ? loadFont('emoji') : undefined
	]);
	return new EmbeddedFonts(new Map(core), extended && new Map(extended), emoji);
}
