import {
	ASTRAL_FROM,
	ASTRAL_TO,
	EMOJI_RANGES,
	INTER_CORE_RANGES,
	INTER_RANGES,
	PRIVATE_USE_BASE
} from './fonts/coverage';
import { fitTextToFont, type Replacement } from './text-fallback';

function inRanges(ranges: readonly number[], code: number): boolean {
	let low = 0;
	let high = ranges.length / 2 - 1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if (code < (ranges[middle * 2] ?? 0)) high = middle - 1;
		else if (code > (ranges[middle * 2 + 1] ?? 0)) low = middle + 1;
		else return true;
	}
	return false;
}

export function interDraws(codePoint: number): boolean {
	return inRanges(INTER_RANGES, codePoint);
}

export function emojiFontDraws(codePoint: number): boolean {
	return inRanges(EMOJI_RANGES, codePoint);
}

/**
 * The UTF-16 code unit the emoji font holds a code point's glyph at (jsPDF addresses glyphs by
 * code unit, so emoji beyond U+FFFF sit at private-use units), or undefined when it has none.
 */
export function emojiCodeUnit(codePoint: number): number | undefined {
	if (!emojiFontDraws(codePoint)) return undefined;
	if (codePoint <= 0xffff) return codePoint;
	return codePoint >= ASTRAL_FROM && codePoint <= ASTRAL_TO
		? PRIVATE_USE_BASE + codePoint - ASTRAL_FROM
		: undefined;
}

/**
 * Whether the text has a character outside Inter's core files, so the extended files must be
 * loaded. Any such character counts (not only those Inter draws): a letter the core lacks may
 * print as a compatibility form or without its accent, and that form may be in the extended file.
 */
export function needsExtendedFont(text: string): boolean {
	for (let index = 0; index < text.length; index += 1) {
		const code = text.charCodeAt(index);
		if (code > 0x7e && !inRanges(INTER_CORE_RANGES, code)) return true;
	}
	return false;
}

/** Whether a code unit is one of the emoji font's private-use stand-ins. */
export function isEmojiPrivateUse(codeUnit: number): boolean {
	return codeUnit >= PRIVATE_USE_BASE && codeUnit <= PRIVATE_USE_BASE + ASTRAL_TO - ASTRAL_FROM;
}

/** Whether the text has a character only the emoji font draws, so that font must be loaded. */
export function needsEmojiFont(text: string): boolean {
	for (const character of text) {
		const code = character.codePointAt(0) ?? 0;
		if (code > 0x7e && !interDraws(code) && emojiFontDraws(code)) return true;
	}
	return false;
}

/** Whether the embedded fonts (Inter, then the emoji font) draw this UTF-16 code unit. */
export function fontsCover(codeUnit: number): boolean {
	return (
		interDraws(codeUnit) ||
		(codeUnit <= 0xffff && emojiFontDraws(codeUnit)) ||
		isEmojiPrivateUse(codeUnit)
	);
}

/**
 * The characters of `text` the PDF cannot print as written, each with what it prints instead
 * ("a" for "ǎ", "?" for a script the fonts lack), without loading a font.
 */
export function unprintableCharacters(text: string): Replacement[] {
	return fitTextToFont(text, fontsCover, emojiCodeUnit).replacements;
}

/** A character of one field of a document that its PDF prints otherwise. */
export interface UnprintableField extends Replacement {
	/** Dotted path in the document, e.g. "lines.1.description" or "buyer.name". */
	path: string;
}

/** Every field of a document (any nested text) with a character the PDF cannot print as written. */
export function unprintableFields(document: unknown): UnprintableField[] {
	const found: UnprintableField[] = [];
	const visit = (value: unknown, path: string): void => {
		if (typeof value === 'string') {
			const seen = new Set<string>();
			for (const replacement of unprintableCharacters(value)) {
				if (seen.has(replacement.character)) continue;
				seen.add(replacement.character);
				found.push({ path, ...replacement });
			}
		} else if (Array.isArray(value)) {
			value.forEach((item, index) => visit(item, path ? `${path}.${index}` : String(index)));
		} else if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
			for (const [key, item] of Object.entries(value)) visit(item, path ? `${path}.${key}` : key);
		}
	};
	visit(document, '');
	return found;
}
