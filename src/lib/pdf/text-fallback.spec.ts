import { describe, expect, it } from 'vitest';
import { fitTextToFont } from './text-fallback';

/** A stand-in for the Inter subset's coverage: Basic Latin, Latin-1, Latin Extended-A and €. */
const covers = (code: number) =>
	(code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0x17f) || code === 0x20ac;

describe('fitTextToFont', () => {
	it('keeps covered text as it is, in NFC', () => {
		expect(fitTextToFont('Łódź € 12,50 — no', covers)).toEqual({
			text: 'Łódź € 12,50 ? no',
			replaced: 1,
			replacements: [{ character: '—', printedAs: '?' }]
		});
		expect(fitTextToFont('e\u0301te\u0301', covers)).toMatchObject({ text: 'été', replaced: 0 });
	});

	it('uses the compatibility form or drops accents the font lacks before giving up', () => {
		expect(fitTextToFont('ﬁn ǅ ǎ ①', covers).text).toBe('fin Dž a 1');
		expect(fitTextToFont('Привет 🙂', covers)).toMatchObject({ text: '?????? ?', replaced: 7 });
		expect(fitTextToFont('ǎ', covers).replacements).toEqual([{ character: 'ǎ', printedAs: 'a' }]);
	});

	it('draws an emoji beyond U+FFFF at the unit the emoji font keeps it, dropping its selector', () => {
		const withEmoji = (code: number) => covers(code) || code === 0xe642 || code === 0x2764;
		const astral = (code: number) => (code === 0x1f642 ? 0xe642 : undefined);
		expect(fitTextToFont('Thanks 🙂 \u2764\ufe0f', withEmoji, astral)).toEqual({
			text: 'Thanks \ue642 \u2764',
			replaced: 0,
			replacements: []
		});
	});

	it('turns any whitespace into a space, keeps line breaks and drops control characters', () => {
		expect(fitTextToFont('a\tb\u2003c\nd\u0007e', covers)).toMatchObject({
			text: 'a b c\nde',
			replaced: 0
		});
	});
});
