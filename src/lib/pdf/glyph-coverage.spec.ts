import { describe, expect, it } from 'vitest';
import {
	emojiCodeUnit,
	fontsCover,
	interDraws,
	needsEmojiFont,
	needsExtendedFont,
	unprintableCharacters,
	unprintableFields
} from './glyph-coverage';

const code = (character: string) => character.codePointAt(0) ?? 0;

describe('glyph coverage', () => {
	it('knows what Inter draws and what only the emoji font draws', () => {
		for (const character of ['€', 'ő', 'Ω', 'Ж', '✓', '★', '●'])
			expect(interDraws(code(character))).toBe(true);
		expect(needsEmojiFont('Łódź € 12,50 ✓ ★')).toBe(false);
		expect(needsEmojiFont('Merci 🙂')).toBe(true);
		expect(needsEmojiFont('☎ 0470 12 34 56')).toBe(true);
	});

	it('needs the extended Inter files only beyond what nl, fr, en and de invoices print', () => {
		expect(needsExtendedFont('Œuvre Ÿvette Müller Straße Façade — « 12,50 € » ‰ ™')).toBe(false);
		for (const text of ['Łódź', 'Ştefan', 'Ωμέγα', 'Иван', '✓', 'ǅ', '漢'])
			expect(needsExtendedFont(text)).toBe(true);
	});

	it('keeps emoji beyond U+FFFF at private-use units, BMP symbols at their own', () => {
		expect(emojiCodeUnit(0x1f642)).toBe(0xe642);
		expect(emojiCodeUnit(code('☎'))).toBe(code('☎'));
		expect(fontsCover(0xe642)).toBe(true);
		expect(emojiCodeUnit(code('漢'))).toBeUndefined();
	});

	it('names each character a PDF prints otherwise, and nothing else', () => {
		expect(unprintableCharacters('Thanks 🙂 ✓ ❤️ ☎ — Łódź Ωμέγα Иван')).toEqual([]);
		expect(unprintableCharacters('漢 𝐀 Աբ')).toEqual([
			{ character: '漢', printedAs: '?' },
			{ character: '𝐀', printedAs: 'A' },
			{ character: 'Ա', printedAs: '?' },
			{ character: 'բ', printedAs: '?' }
		]);
	});
});

describe('unprintableFields', () => {
	it('names the field and each character once, leaving printable fields out', () => {
		const document = {
			buyer: { name: 'Acme 🙂', address: { city: '東京 東京' } },
			lines: [{ description: 'Design ✓' }, { text: 'Note 𝐀' }]
		};
		expect(unprintableFields(document)).toEqual([
			{ path: 'buyer.address.city', character: '東', printedAs: '?' },
			{ path: 'buyer.address.city', character: '京', printedAs: '?' },
			{ path: 'lines.1.text', character: '𝐀', printedAs: 'A' }
		]);
	});
});
