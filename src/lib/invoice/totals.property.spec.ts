import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Big from 'big.js';
import { defaultVatCodes } from '$lib/vat';
import { arbitraryLines } from '../../../tests/factories';
import { computeTotals, type Totals, type TotalsInput } from './totals';

const allCodeIds = defaultVatCodes.map((code) => code.id);

const arbitraryInput: fc.Arbitrary<TotalsInput> = fc.record({
	lines: arbitraryLines(allCodeIds, { allowNegative: true, maxItems: 12 }),
	vatCodes: fc.constant(defaultVatCodes),
	cashDiscount: fc.option(
		fc.record({
			percent: fc.constantFrom('0', '0.5', '1', '2', '2.5', '3', '10'),
			days: fc.integer({ min: 0, max: 60 })
		}),
		{ nil: undefined }
	),
	issueDate: fc.constant('2026-05-17'),
	prepaidCents: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined })
});

const RUNS = { numRuns: 500 };

/** Half away from zero, written independently of the code under test. */
const roundCents = (euros: Big) => {
	const cents = euros.times(100);
	const magnitude = cents.abs().plus('0.5').round(0, Big.roundDown);
	return Number(cents.lt(0) ? magnitude.neg() : magnitude) + 0; // + 0 turns -0 into 0
};

function everyAmount(totals: Totals): number[] {
	return [
		...totals.lines.flatMap((l) => [l.grossCents, l.discountCents, l.netCents]),
		...totals.breakdown.flatMap((g) => [
			g.lineNetCents,
			g.allowanceCents,
			g.chargeCents,
			g.taxableCents,
			g.taxCents
		]),
		...[...totals.allowances, ...totals.charges].map((a) => a.amountCents),
		totals.lineExtensionCents,
		totals.allowanceTotalCents,
		totals.chargeTotalCents,
		totals.taxExclusiveCents,
		totals.taxCents,
		totals.taxInclusiveCents,
		totals.prepaidCents,
		totals.payableCents,
		...(totals.cashDiscount
			? [totals.cashDiscount.discountCents, totals.cashDiscount.amountIfPaidInTimeCents]
			: [])
	];
}

describe('computeTotals properties (random invoices)', () => {
	it('breakdown taxable amounts sum to the tax-exclusive amount, and taxes to the VAT total', () => {
		fc.assert(
			fc.property(arbitraryInput, (input) => {
				const totals = computeTotals(input);
				expect(totals.breakdown.reduce((sum, g) => sum + g.taxableCents, 0)).toBe(
					totals.taxExclusiveCents
				);
				expect(totals.breakdown.reduce((sum, g) => sum + g.taxCents, 0)).toBe(totals.taxCents);
				expect(totals.lines.reduce((sum, l) => sum + l.netCents, 0)).toBe(
					totals.lineExtensionCents
				);
				expect(totals.taxExclusiveCents).toBe(
					totals.lineExtensionCents - totals.allowanceTotalCents + totals.chargeTotalCents
				);
			}),
			RUNS
		);
	});

	it('payable = tax-inclusive − prepaid, tax-inclusive = tax-exclusive + VAT', () => {
		fc.assert(
			fc.property(arbitraryInput, (input) => {
				const totals = computeTotals(input);
				expect(totals.taxInclusiveCents).toBe(totals.taxExclusiveCents + totals.taxCents);
				expect(totals.payableCents).toBe(totals.taxInclusiveCents - (input.prepaidCents ?? 0));
			}),
			RUNS
		);
	});

	it('does not depend on the order of the lines', () => {
		fc.assert(
			fc.property(arbitraryInput, fc.nat(), (input, seed) => {
				const shuffled = [...input.lines]
					.map((line, index) => ({ line, key: (index * 7919 + seed) % 104729 }))
					.sort((a, b) => a.key - b.key)
					.map(({ line }) => line);
				const { lines: _a, ...original } = computeTotals(input);
				const { lines: _b, ...reordered } = computeTotals({ ...input, lines: shuffled });
				expect(reordered).toEqual(original);
			}),
			RUNS
		);
	});

	it('is exact to the cent and matches an independent big.js computation', () => {
		fc.assert(
			fc.property(arbitraryInput, (input) => {
				const totals = computeTotals(input);
				for (const amount of everyAmount(totals)) {
					expect(Number.isSafeInteger(amount)).toBe(true);
					expect(Object.is(amount, -0)).toBe(false);
				}

				const percent = new Big(input.cashDiscount?.percent ?? '0');
				const groups = new Map<string, { rate: Big; net: number }>();
				for (const line of input.lines) {
					if (line.type !== 'item') continue;
					const code = defaultVatCodes.find((c) => c.id === line.vatCodeId);
					if (!code) throw new Error('factory used an unknown code');
					const gross = roundCents(new Big(line.quantity).times(line.unitPrice));
					const discount = roundCents(
						new Big(gross)
							.div(100)
							.times(line.discountPercent ?? '0')
							.div(100)
					);
					const key = code.category === 'S' ? `S:${code.rate}` : code.category;
					const group = groups.get(key) ?? { rate: new Big(code.rate), net: 0 };
					group.net += gross - discount;
					groups.set(key, group);
				}
				let expectedTax = 0;
				let expectedDiscount = 0;
				for (const [key, group] of groups) {
					const allowance = roundCents(new Big(group.net).div(100).times(percent).div(100));
					expectedDiscount += allowance;
					expectedTax += roundCents(
						new Big(group.net - allowance).div(100).times(group.rate).div(100)
					);
					const computed = totals.breakdown.find((g) => g.key === key);
					expect(computed?.lineNetCents).toBe(group.net);
					expect(computed?.allowanceCents).toBe(allowance);
				}
				expect(totals.taxCents).toBe(expectedTax);
				expect(totals.allowanceTotalCents).toBe(expectedDiscount);
				expect(totals.chargeTotalCents).toBe(expectedDiscount);
				if (totals.cashDiscount) {
					expect(totals.cashDiscount.amountIfPaidInTimeCents).toBe(
						totals.payableCents - expectedDiscount
					);
				}
			}),
			RUNS
		);
	});

	it('keeps one breakdown per (category, rate) and exactly one for each 0 % category', () => {
		fc.assert(
			fc.property(arbitraryInput, (input) => {
				const totals = computeTotals(input);
				const keys = totals.breakdown.map((g) => g.key);
				expect(new Set(keys).size).toBe(keys.length);
				expect(totals.breakdown.filter((g) => g.category === 'E').length).toBeLessThanOrEqual(1);
				for (const group of totals.breakdown) {
					if (group.category !== 'S') expect(group.taxCents).toBe(0);
					if (group.category === 'S' || group.category === 'Z')
						expect(group.exemptionReason).toBeUndefined();
					else expect(group.exemptionReason ?? group.vatex).toBeDefined();
				}
			}),
			RUNS
		);
	});
});
