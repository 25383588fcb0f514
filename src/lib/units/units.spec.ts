import { LANGUAGES } from '$lib/language';
import { describe, expect, it } from 'vitest';
import { UNIT_CODE_PATTERN, UNIT_CODES, unitName, unitOptions, unitSymbol } from './index';

describe('units', () => {
	it('lists the units a sole trader invoices in, each a rec. 20 code', () => {
		for (const code of ['H87', 'C62', 'HUR', 'DAY', 'MON', 'KMT', 'KGM', 'MTR', 'MTK', 'MTQ'])
			expect(UNIT_CODES).toContain(code);
		for (const code of ['LTR', 'SET', 'LS']) expect(UNIT_CODES).toContain(code);
		for (const code of UNIT_CODES) expect(code).toMatch(UNIT_CODE_PATTERN);
	});

	it('names and abbreviates every unit in every document language', () => {
		for (const code of UNIT_CODES) {
			for (const language of LANGUAGES) {
				expect(unitName(code, language)).not.toBe(code);
				expect(unitSymbol(code, language).length).toBeGreaterThan(0);
			}
		}
	});

	it('says "piece" for H87 instead of the code', () => {
		expect(unitName('H87', 'en')).toBe('piece');
		expect(unitName('H87', 'nl')).toBe('stuk');
		expect(unitSymbol('H87', 'fr')).toBe('pc.');
		expect(unitSymbol('HUR', 'de')).toBe('Std.');
	});

	it('shows a code outside the list as itself, and keeps it in the picker', () => {
		expect(unitName('XPP', 'en')).toBe('XPP');
		expect(unitSymbol('XPP', 'nl')).toBe('XPP');
		const options = unitOptions('XPP', 'en');
		expect(options.at(-1)).toEqual({ code: 'XPP', name: 'XPP' });
		expect(unitOptions('HUR', 'en')).toHaveLength(UNIT_CODES.length);
	});
});
