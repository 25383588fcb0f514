/**
 * The embedded Inter subset covers Latin, Latin-1, Latin Extended-A, punctuation and €. jsPDF
 * stops writing a string at the first character its font has no glyph for, so every string is
 * passed through here first:
 * - whitespace of any kind becomes a plain space, control characters are dropped;
 * - a character with a covered compatibility form is drawn in that form ("ﬁ" → "fi", "ǅ" → "Dž",
 *   "①" → "1"), else without its accents when that is covered ("ǎ" → "a");
 * - anything else (Cyrillic, Greek, CJK, emoji …) is drawn as "?".
 * The structured UBL keeps the exact text; only the picture loses it.
 */
export const REPLACEMENT_CHARACTER = '?';

export interface FittedText {
	text: string;
	/** Characters that could not be drawn as written. */
	replaced: number;
}

const COMBINING_MARK = /\p{M}/gu;
const WHITESPACE = /\s/u;
const CONTROL = /\p{Cc}/u;

export function fitTextToFont(text: string, covers: (codeUnit: number) => boolean): FittedText {
	let fitted = '';
	let replaced = 0;
	for (const character of text.normalize('NFC')) {
		const code = character.codePointAt(0) ?? 0;
		if (character === '\n') {
			fitted += character;
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
			if (drawable(compatible)) fitted += compatible;
			else if (drawable(stripped)) fitted += stripped;
			else fitted += REPLACEMENT_CHARACTER;
			replaced += 1;
		}
	}
	return { text: fitted, replaced };
}
