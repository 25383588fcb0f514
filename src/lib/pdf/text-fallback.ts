/**
 * The embedded Inter subset covers Latin, Latin-1, Latin Extended-A, punctuation and €; the Noto
 * Emoji fallback covers emoji and symbols. jsPDF stops writing a string at the first character
 * its font has no glyph for, so every string is passed through here first:
 * - whitespace of any kind becomes a plain space, control characters are dropped, and so are the
 *   variation selectors that only ask for the colour or text form of an emoji;
 * - an emoji beyond U+FFFF becomes the private-use code unit the emoji font keeps it at;
 * - a character with a covered compatibility form is drawn in that form ("ﬁ" → "fi", "ǅ" → "Dž",
 *   "①" → "1"), else without its accents when that is covered ("ǎ" → "a");
 * - anything else (Cyrillic, Greek, CJK …) is drawn as "?".
 * Every replacement is reported, so the editor can name the character before it is printed; the
 * structured UBL keeps the exact text.
 */
export const REPLACEMENT_CHARACTER = '?';

/** A character drawn otherwise than written. */
export interface Replacement {
	character: string;
	printedAs: string;
}

export interface FittedText {
	text: string;
	/** Characters that could not be drawn as written. */
	replaced: number;
	replacements: Replacement[];
}

/** The emoji font's private-use unit for an emoji beyond U+FFFF, when it has one. */
export type AstralMapping = (codePoint: number) => number | undefined;

const VARIATION_SELECTOR = /[\uFE0E\uFE0F]/u;

const COMBINING_MARK = /\p{M}/gu;
const WHITESPACE = /\s/u;
const CONTROL = /\p{Cc}/u;

export function fitTextToFont(
	text: string,
	covers: (codeUnit: number) => boolean,
	astral: AstralMapping = () => undefined
): FittedText {
	let fitted = '';
	const replacements: Replacement[] = [];
	for (const character of text.normalize('NFC')) {
		const code = character.codePointAt(0) ?? 0;
		const unit = code > 0xffff ? astral(code) : undefined;
		if (character === '\n') {
			fitted += character;
		} else if (unit !== undefined && covers(unit)) {
			fitted += String.fromCharCode(unit);
		} else if (VARIATION_SELECTOR.test(character)) {
			continue;
		} else if (code <= 0xffff && covers(code) && !CONTROL.test(character)) {
			fitted += character;
		} else if (WHITESPACE.test(character)) {
			fitted += ' ';
		} else if (CONTROL.test(character)) {
			continue;
		} else {
			const drawable = (candidate: string) =>
				candidate.length > 0 &&
				[...candidate].every((part) => {
					const partCode = part.codePointAt(0) ?? 0;
					return partCode <= 0xffff && covers(partCode);
				});
			const compatible = character.normalize('NFKC');
			const stripped = character.normalize('NFKD').replace(COMBINING_MARK, '');
			const printedAs = drawable(compatible)
				? compatible
				: drawable(stripped)
					? stripped
					: REPLACEMENT_CHARACTER;
			fitted += printedAs;
			replacements.push({ character, printedAs });
		}
	}
	return { text: fitted, replaced: replacements.length, replacements };
}
