import { LANGUAGES } from '$lib/language';
import { describe, expect, it, vi } from 'vitest';
import { countConstructions } from '../../../tests/factories/count-constructions';
import fc from 'fast-check';
import Big from 'big.js';
import { centsToDecimalString } from './cents';
import {
	formatDecimal,
	formatMoney,
	formatPrice,
	parseLocalizedDecimal,
	parseMoney
} from './format';

const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatPrice', () => {
	it('prints a price as money in the language, keeping every decimal it has', () => {
		expect(formatPrice('85.5', 'en')).toBe('€85.50');
		expect(nbsp(formatPrice('85.5', 'nl'))).toBe('€ 85,50');
		expect(nbsp(formatPrice('85.5', 'fr'))).toBe('85,50 €');
		expect(nbsp(formatPrice('0.125', 'nl'))).toBe('€ 0,125');
		expect(formatPrice('1234', 'en')).toBe('€1,234.00');
	});
});

describe('formatMoney', () => {
	it('follows the conventions of each UI language', () => {
		expect(nbsp(formatMoney(123450, 'nl'))).toBe('€ 1.234,50');
		expect(nbsp(formatMoney(123450, 'fr-BE'))).toBe('1 234,50 €');
		expect(nbsp(formatMoney(123450, 'en'))).toBe('€1,234.50');
		expect(nbsp(formatMoney(123450, 'de'))).toBe('1.234,50 €');
		expect(nbsp(formatMoney(-5, 'nl'))).toBe('€ -0,05');
	});

	it('formats amounts beyond float precision exactly', () => {
		expect(nbsp(formatMoney(900719925474099, 'en'))).toBe('€9,007,199,254,740.99');
	});

	it('keeps every digit of a decimal', () => {
		expect(formatDecimal('1234.125', 'nl')).toBe('1.234,125');
		expect(formatDecimal('2', 'en', 2)).toBe('2.00');
	});
});

describe('formatting without Intl', () => {
	const locales = ['nl-BE', 'fr-BE', 'en', 'de'] as const;
	const decimal = fc
		.tuple(
			fc.boolean(),
			fc.stringMatching(/^\d{1,22}$/),
			fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined })
		)
		.map(
			([negative, whole, fraction]) =>
				`${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`
		);

	it("writes exactly Intl's output for euros and decimals in the four locales", () => {
		fc.assert(
			fc.property(
				decimal,
				fc.constantFrom(...locales),
				fc.integer({ min: 0, max: 3 }),
				(value, locale, minimumFractionDigits) => {
					const decimals = value.split('.')[1]?.length ?? 0;
					const fixed = new Big(value).toFixed(decimals) as `${number}`;
					const maximumFractionDigits = Math.max(decimals, minimumFractionDigits);
					expect(formatDecimal(value, locale, minimumFractionDigits)).toBe(
						new Intl.NumberFormat(locale, {
							minimumFractionDigits,
							maximumFractionDigits
						}).format(fixed)
					);
					expect(formatPrice(value, locale)).toBe(
						new Intl.NumberFormat(locale, {
							style: 'currency',
							currency: 'EUR',
							minimumFractionDigits: 2,
							maximumFractionDigits: Math.max(2, decimals)
						}).format(value as `${number}`)
					);
				}
			),
			{ numRuns: 1000 }
		);
		fc.assert(
			fc.property(
				fc.integer({ min: -1e15, max: 1e15 }),
				fc.constantFrom(...locales),
				(cents, locale) => {
					expect(formatMoney(cents, locale)).toBe(
						new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(
							centsToDecimalString(cents) as `${number}`
						)
					);
				}
			),
			{ numRuns: 1000 }
		);
	});

	it('makes no Intl formatter for euros in the four locales (a PDF worker then skips ICU)', async () => {
		vi.resetModules();
		const fresh = await import('./format');
		const made = countConstructions('NumberFormat');
		try {
			for (const locale of locales) {
				fresh.formatMoney(-123456, locale);
				fresh.formatPrice('85.125', locale);
				fresh.formatDecimal('1234.5', locale, 2);
			}
			expect(made.count).toBe(0);
			// Another currency still goes to Intl.
			expect(nbsp(fresh.formatMoney(1250, 'en', 'USD'))).toBe('$12.50');
			expect(made.count).toBeGreaterThan(0);
		} finally {
			made.restore();
		}
	});
});

describe('parseMoney', () => {
	it('reads what a user types in each locale', () => {
		expect(parseMoney('1.234,56', 'nl')).toBe(123456);
		expect(parseMoney('€ 1.234,56', 'nl-BE')).toBe(123456);
		expect(parseMoney('1 234,56 €', 'fr')).toBe(123456);
		expect(parseMoney('1,234.56', 'en')).toBe(123456);
		expect(parseMoney('12.50', 'nl')).toBe(1250);
		expect(parseMoney('12,5', 'en')).toBe(1250);
		expect(parseMoney('1.234', 'nl')).toBe(123400);
		expect(parseMoney('-0,005', 'de')).toBe(-1);
	});

	it('names the field when the text is not a number', () => {
		expect(() => parseMoney('twelve', 'en', 'unitPrice')).toThrow(/unitPrice/);
		expect(() => parseLocalizedDecimal('1,2,3.4.5', 'en')).toThrow();
	});

	it('parses back what it formats, in every language', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -1e12, max: 1e12 }),
				fc.constantFrom(...LANGUAGES),
				(cents, language) => {
					expect(parseMoney(formatMoney(cents, language), language)).toBe(cents);
				}
			),
			{ numRuns: 400 }
		);
	});
});
