import { fromBase64 } from '$lib/bytes';
import { jsPDF } from 'jspdf';
import type { FontMetrics, FontStyle } from './draw-ops';

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
/** The fallback for emoji and symbols Inter lacks; one style, used for every style of text. */
export const EMOJI_FONT_FAMILY = 'NotoEmoji';

const JSPDF_STYLE: Record<FontStyle, string> = {
	regular: 'normal',
	bold: 'bold',
	italic: 'italic',
	boldItalic: 'bolditalic'
};

/** Each style is its own lazily loaded chunk of base64 made by scripts/subset-fonts.mjs. */
const SOURCES: Record<FontStyle, () => Promise<{ default: string }>> = {
	regular: () => import('./fonts/inter-regular'),
	bold: () => import('./fonts/inter-bold'),
	italic: () => import('./fonts/inter-italic'),
	boldItalic: () => import('./fonts/inter-bold-italic')
};

function ttfFontClass(): TtfFontClass | undefined {
	const api = jsPDF.API as unknown as { TTFFont?: TtfFontClass };
	return typeof api.TTFFont?.open === 'function' ? api.TTFFont : undefined;
}

interface LoadedFont {
	base64: string;
	parsed: ParsedFont;
	widths: Map<number, number>;
}

/** Parsed once per page load (or worker) and shared by every document made after. */
const loaded = new Map<FontStyle | 'emoji', Promise<LoadedFont>>();

function loadFont(style: FontStyle | 'emoji'): Promise<LoadedFont> {
	let font = loaded.get(style);
	if (!font) {
		const source = style === 'emoji' ? () => import('./fonts/noto-emoji') : SOURCES[style];
		font = source().then(({ default: base64 }) => {
			const parser = ttfFontClass();
			if (!parser)
				throw new Error('jsPDF no longer exposes its TrueType parser (jsPDF.API.TTFFont)');
			return { base64, parsed: parser.open(fromBase64(base64)), widths: new Map() };
		});
		font.catch(() => loaded.delete(style));
		loaded.set(style, font);
	}
	return font;
}

export class EmbeddedFonts implements FontMetrics {
	readonly ascent: number;
	readonly descent: number;

	constructor(
		private readonly fonts: ReadonlyMap<FontStyle, LoadedFont>,
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

	private interCovers(codeUnit: number): boolean {
		return this.font('regular').parsed.characterToGlyph(codeUnit) !== 0;
	}

	private emojiCovers(codeUnit: number): boolean {
		return this.emoji !== undefined && this.emoji.parsed.characterToGlyph(codeUnit) !== 0;
	}

	covers(codeUnit: number): boolean {
		return this.interCovers(codeUnit) || this.emojiCovers(codeUnit);
	}

	widthOf(text: string, style: FontStyle): number {
		let total = 0;
		for (let index = 0; index < text.length; index += 1) {
			const code = text.charCodeAt(index);
			const { parsed, widths } =
				this.emoji && !this.interCovers(code) && this.emojiCovers(code)
					? this.emoji
					: this.font(style);
			let width = widths.get(code);
			if (width === undefined) {
				width = parsed.widthOfGlyph(parsed.characterToGlyph(code));
				widths.set(code, width);
			}
			total += width;
		}
		return total / 1000;
	}

	/**
	 * A fitted string cut where it changes between Inter and the emoji font: jsPDF draws each
	 * piece with one font. Without the emoji font it is one piece.
	 */
	runs(text: string): { text: string; emoji: boolean }[] {
		if (!this.emoji) return [{ text, emoji: false }];
		const runs: { text: string; emoji: boolean }[] = [];
		for (let index = 0; index < text.length; index += 1) {
			const code = text.charCodeAt(index);
			const emoji = !this.interCovers(code) && this.emojiCovers(code);
			const last = runs.at(-1);
			if (last && last.emoji === emoji) last.text += text[index];
			else runs.push({ text: text[index] ?? '', emoji });
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
		if (this.emoji) fonts.push({ font: this.emoji, family: EMOJI_FONT_FAMILY, style: 'normal' });
		const parser = ttfFontClass();
		for (const { font, family, style } of fonts) {
			const file = `${family}-${style}.ttf`;
			if (!parser) {
				doc.addFileToVFS(file, font.base64);
				doc.addFont(file, family, style, 'Identity-H');
				continue;
			}
			// jsPDF reads a string that starts with the TrueType magic as raw bytes (no base64).
			doc.addFileToVFS(file, '\u0000\u0001\u0000\u0000');
			const open = parser.open;
			parser.open = () => documentView(font.parsed);
			try {
				doc.addFont(file, family, style, 'Identity-H');
			} finally {
				parser.open = open;
			}
		}
	}

	static jsPdfStyle(style: FontStyle): string {
		return JSPDF_STYLE[style];
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

/** A shallow copy: jsPDF checks tables with hasOwnProperty, so they must be own properties. */
function documentView(parsed: ParsedFont): ParsedFont {
	const view = Object.assign(
		Object.create(Object.getPrototypeOf(parsed) as object) as object,
		parsed
	) as ParsedFont & Record<string, unknown>;
	view['subset'] = rememberingSubset(parsed);
	view['toUnicode'] = {};
	view['Unicode'] = { encoding: {}, kerning: {}, widths: [] };
	view['glyIdsUsed'] = [0];
	return view;
}

/**
 * Loads (once) and parses (once) the font styles a document needs, regular always, and the emoji
 * fallback when the document has a character only it draws.
 */
export async function loadEmbeddedFonts(
	styles: readonly FontStyle[],
	options: { emoji?: boolean } = {}
): Promise<EmbeddedFonts> {
	const wanted = new Set<FontStyle>(['regular', ...styles]);
	const [entries, emoji] = await Promise.all([
		Promise.all([...wanted].map(async (style) => [style, await loadFont(style)] as const)),
		options.emoji ? loadFont('emoji') : undefined
	]);
	return new EmbeddedFonts(new Map(entries), emoji);
}
