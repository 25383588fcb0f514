import { describe, expect, it } from 'vitest';
import { fitTextToFont } from './text-fallback';

/** A stand-in for the Inter subset's coverage: Basic Latin, Latin-1, Latin Extended-A and €. */
const covers = (code: number) =>
	(code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0x17f) || code === 0x20ac;

describe('fitTextToFont', () => {
	it('keeps covered text as it is, in NFC', () => {
		expect(fitTextToFont('Łódź € 12,50 — no', covers)).toEqual({
			text: 'Łódź € 12,50 ? no',
			replaced: 1
		});
		expect(fitTextToFont('e\u0301te\u0301', covers)).toEqual({ text: 'été', replaced: 0 });
	});

	it('uses the compatibility form or drops accents the font lacks before giving up', () => {
		expect(fitTextToFont('ﬁn ǅ ǎ ①', covers).text).toBe('fin Dž a 1');
		expect(fitTextToFont('Привет 🙂', covers)).toEqual({ text: '?????? ?', replaced: 7 });
	});

	it('turns any whitespace into a space, keeps line breaks and drops control characters', () => {
		expect(fitTextToFont('a\tb\u2003c\nd\u0007e', covers)).toEqual({
			text: 'a b c\nde',
			replaced: 0
		});
	});
});
