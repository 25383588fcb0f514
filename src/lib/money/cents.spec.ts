import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	assertCents,
	centsFromEuros,
	centsToDecimalString,
	MoneyError,
	percentOfCents,
	sumCents
} from './cents';

describe('cents', () => {
	it('rounds half away from zero to the cent', () => {
		expect(centsFromEuros('1.005')).toBe(101);
		expect(centsFromEuros('-1.005')).toBe(-101);
		expect(centsFromEuros('1.0049999')).toBe(100);
		expect(centsFromEuros('20.58')).toBe(2058);
		expect(centsFromEuros('0.125')).toBe(13);
		expect(centsFromEuros('-0.125')).toBe(-13);
	});

	it('refuses amounts that are not safe integers, naming the field', () => {
		expect(() => assertCents(1.5, 'lines[0].net')).toThrow(/lines\[0\]\.net/);
		expect(() => assertCents(Number.MAX_SAFE_INTEGER + 1)).toThrow(MoneyError);
		expect(() => centsFromEuros('99999999999999999')).toThrow(/whole number of cents/);
		expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).toThrow(MoneyError);
	});

	it('writes the plain decimal form', () => {
		expect(centsToDecimalString(12058)).toBe('120.58');
		expect(centsToDecimalString(-5)).toBe('-0.05');
		expect(centsToDecimalString(0)).toBe('0.00');
	});

	it('takes a percentage of an amount exactly', () => {
		expect(percentOfCents(10000, '2')).toBe(200);
		expect(percentOfCents(9800, '21')).toBe(2058);
		expect(percentOfCents(105, '50')).toBe(53);
		expect(percentOfCents(-105, '50')).toBe(-53);
	});

	it('round-trips every cent amount through its decimal string', () => {
		fc.assert(
			fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
				expect(centsFromEuros(centsToDecimalString(cents))).toBe(cents);
			}),
			{ numRuns: 500 }
		);
	});
});

describe('decimal strings', () => {
	it('keeps very small values in plain notation', async () => {
		const { normalizeDecimal, parseLocalizedDecimal } = await import('./index');
		expect(normalizeDecimal('0.00000001')).toBe('0.00000001');
		expect(normalizeDecimal('1.50')).toBe('1.5');
		expect(parseLocalizedDecimal('0,00000005', 'nl')).toBe('0.00000005');
	});
});
