import { describe, expect, it } from 'vitest';
import { defaultVatCodes, DEFAULT_VAT_CODE_IDS as ID } from '$lib/vat';
import { computeTotals, TotalsError } from './totals';
import type { InvoiceLine, ItemLine } from './line';

const line = (vatCodeId: string, unitPrice: string, extra: Partial<ItemLine> = {}): ItemLine => ({
	type: 'item',
	description: 'Consultancy',
	quantity: '1',
	unitCode: 'C62',
	unitPrice,
	vatCodeId,
	...extra
});

const totalsOf = (
	lines: InvoiceLine[],
	extra: { percent: string; days: number } | undefined = undefined
) =>
	computeTotals({ lines, vatCodes: defaultVatCodes, cashDiscount: extra, issueDate: '2026-05-17' });

describe('computeTotals: worked example per VAT code', () => {
	it.each([
		[ID.standard21, '21', 'S:21', 'S', 21000, 4410],
		[ID.reduced12, '12', 'S:12', 'S', 21000, 2520],
		[ID.reduced6, '6', 'S:6', 'S', 21000, 1260],
		[ID.zero, '0', 'Z', 'Z', 21000, 0],
		[ID.smallBusiness, '0', 'E', 'E', 21000, 0],
		[ID.coContractor, '0', 'AE', 'AE', 21000, 0],
		[ID.euServices, '0', 'AE', 'AE', 21000, 0],
		[ID.euGoods, '0', 'K', 'K', 21000, 0],
		[ID.export, '0', 'G', 'G', 21000, 0],
		[ID.outsideScope, '0', 'O', 'O', 21000, 0],
		[ID.exemptArt44, '0', 'E', 'E', 21000, 0]
	])('%s: 3 h × €70 at %s %', (code, rate, key, category, base, tax) => {
		const totals = totalsOf([line(code, '70', { quantity: '3', unitCode: 'HUR' })]);
		expect(totals.breakdown).toHaveLength(1);
		const group = totals.breakdown[0];
		expect(group).toMatchObject({ key, category, rate, taxableCents: base, taxCents: tax });
		expect(totals.taxExclusiveCents).toBe(base);
		expect(totals.taxInclusiveCents).toBe(base + tax);
		expect(totals.payableCents).toBe(base + tax);
		const vatCode = defaultVatCodes.find((c) => c.id === code);
		if (category === 'S' || category === 'Z') {
			expect(group?.exemptionReason).toBeUndefined();
			expect(group?.vatex).toBeUndefined();
		} else {
			expect(group?.exemptionReason).toEqual(vatCode?.exemptionReason);
			expect(group?.vatex).toBe(vatCode?.vatex);
		}
	});

	it('rounds the line net, then VAT per rate, not per line', () => {
		// three lines of €0.35 at 21 %: per line VAT would be 3 × 0.07 = 0.21; per rate it is 0.22
		const totals = totalsOf([
			line(ID.standard21, '0.35'),
			line(ID.standard21, '0.35'),
			line(ID.standard21, '0.35')
		]);
		expect(totals.breakdown[0]?.taxableCents).toBe(105);
		expect(totals.taxCents).toBe(22);
	});

	it('rounds a line with a 4-decimal price and a line discount half away from zero', () => {
		const totals = totalsOf([
			line(ID.standard21, '0.1235', { quantity: '7' }),
			line(ID.reduced6, '19.99', { quantity: '3', discountPercent: '12.5' })
		]);
		expect(totals.lines.map((l) => [l.grossCents, l.discountCents, l.netCents])).toEqual([
			[86, 0, 86], // 0.8645 → 0.86
			[5997, 750, 5247] // 59.97 × 12.5 % = 7.49625 → 7.50
		]);
		expect(totals.taxCents).toBe(18 + 315); // 0.1806 → 0.18 ; 52.47 × 6 % = 3.1482 → 3.15
	});

	it('keeps text lines out of the amounts but counts line positions', () => {
		const totals = totalsOf([
			{ type: 'text', text: 'Phase 1' },
			line(ID.standard21, '10'),
			{ type: 'text', text: 'End' }
		]);
		expect(totals.lines.map((l) => l.index)).toEqual([1]);
		expect(totals.payableCents).toBe(1210);
	});

	it('merges the small-business and art. 44 exemptions into one E subtotal (BR-E-01)', () => {
		const totals = totalsOf([line(ID.smallBusiness, '10'), line(ID.exemptArt44, '5')]);
		expect(totals.breakdown).toHaveLength(1);
		expect(totals.breakdown[0]?.vatCodeIds).toEqual([ID.smallBusiness, ID.exemptArt44]);
		expect(totals.breakdown[0]?.vatex).toBeUndefined();
		expect(totals.breakdown[0]?.exemptionReason?.nl).toBe(
			'Bijzondere vrijstellingsregeling kleine ondernemingen / Vrijgesteld van btw – art. 44 WBTW'
		);
	});

	it('subtracts prepaid amounts from the payable amount', () => {
		const totals = computeTotals({
			lines: [line(ID.standard21, '100')],
			vatCodes: defaultVatCodes,
			prepaidCents: 5000
		});
		expect(totals.taxInclusiveCents).toBe(12100);
		expect(totals.payableCents).toBe(7100);
	});

	it('names the line whose VAT code is unknown', () => {
		expect(() => totalsOf([{ type: 'text', text: 'x' }, line('NOPE', '1')])).toThrow(TotalsError);
		expect(() => totalsOf([{ type: 'text', text: 'x' }, line('NOPE', '1')])).toThrow(
			/lines\[1\]\.vatCodeId/
		);
	});
});

describe('computeTotals: Belgian cash discount', () => {
	it('€100 at 21 % with 2 % → base 98.00, VAT 20.58, payable 120.58, 118.58 if paid in time', () => {
		const totals = totalsOf([line(ID.standard21, '100')], { percent: '2', days: 14 });
		expect(totals.breakdown).toEqual([
			expect.objectContaining({
				key: 'S:21',
				lineNetCents: 10000,
				allowanceCents: 200,
				taxableCents: 9800,
				taxCents: 2058
			}),
			expect.objectContaining({
				key: 'E',
				lineNetCents: 0,
				chargeCents: 200,
				taxableCents: 200,
				taxCents: 0,
				exemptionReason: expect.objectContaining({
					nl: 'Korting voor contante betaling (art. 28, 1° WBTW)'
				})
			})
		]);
		expect(totals.allowances).toEqual([
			{
				chargeIndicator: false,
				amountCents: 200,
				baseCents: 10000,
				percent: '2',
				category: 'S',
				rate: '21',
				reason: 'Conditional cash/payment discount',
				reasonCode: '64'
			}
		]);
		expect(totals.charges).toEqual([
			{
				chargeIndicator: true,
				amountCents: 200,
				category: 'E',
				rate: '0',
				reason: 'Conditional cash/payment discount',
				reasonCode: 'ZZZ'
			}
		]);
		expect(totals.taxCents).toBe(2058);
		expect(totals.taxExclusiveCents).toBe(10000);
		expect(totals.payableCents).toBe(12058);
		expect(totals.cashDiscount).toEqual({
			percent: '2',
			days: 14,
			deadline: '2026-05-31',
			discountCents: 200,
			amountIfPaidInTimeCents: 11858
		});
	});

	it('the BEG scenario 3 sample: €1000 at 21 % with 2 % → 980 / 205.80 / 1205.80 / 1185.80', () => {
		const totals = totalsOf([line(ID.standard21, '1000')], { percent: '2', days: 14 });
		expect(totals.breakdown.map((g) => [g.key, g.taxableCents, g.taxCents])).toEqual([
			['S:21', 98000, 20580],
			['E', 2000, 0]
		]);
		expect([
			totals.lineExtensionCents,
			totals.taxExclusiveCents,
			totals.taxInclusiveCents,
			totals.allowanceTotalCents,
			totals.chargeTotalCents,
			totals.payableCents
		]).toEqual([100000, 100000, 120580, 2000, 2000, 120580]);
		expect(totals.cashDiscount?.amountIfPaidInTimeCents).toBe(118580);
	});

	it('two rates: one allowance per rate, one exempt charge for the total', () => {
		// 21 %: 2 × 123.45 = 246.90 ; 6 %: 10 × 8.99 = 89.90 ; discount 3 %
		const totals = totalsOf(
			[
				line(ID.standard21, '123.45', { quantity: '2' }),
				line(ID.reduced6, '8.99', { quantity: '10' })
			],
			{ percent: '3', days: 8 }
		);
		expect(totals.allowances.map((a) => [a.category, a.rate, a.baseCents, a.amountCents])).toEqual([
			['S', '21', 24690, 741], // 7.407 → 7.41
			['S', '6', 8990, 270] // 2.697 → 2.70
		]);
		expect(totals.charges.map((c) => [c.category, c.amountCents])).toEqual([['E', 1011]]);
		expect(totals.breakdown.map((g) => [g.key, g.taxableCents, g.taxCents])).toEqual([
			['S:21', 23949, 5029], // 239.49 × 21 % = 50.2929
			['S:6', 8720, 523], // 87.20 × 6 % = 5.232
			['E', 1011, 0]
		]);
		expect(totals.lineExtensionCents).toBe(33680);
		expect(totals.taxExclusiveCents).toBe(33680);
		expect(totals.taxCents).toBe(5552);
		expect(totals.payableCents).toBe(39232);
		expect(totals.cashDiscount).toMatchObject({
			discountCents: 1011,
			amountIfPaidInTimeCents: 38221,
			deadline: '2026-05-25'
		});
	});

	it('merges the discount charge with real exempt lines into ONE E subtotal', () => {
		const totals = totalsOf([line(ID.standard21, '100'), line(ID.exemptArt44, '50')], {
			percent: '2',
			days: 10
		});
		const exempt = totals.breakdown.filter((g) => g.category === 'E');
		expect(exempt).toHaveLength(1);
		expect(exempt[0]).toMatchObject({
			lineNetCents: 5000,
			allowanceCents: 100,
			chargeCents: 300,
			taxableCents: 5200,
			taxCents: 0,
			vatex: undefined
		});
		expect(exempt[0]?.exemptionReason?.nl).toBe(
			'Vrijgesteld van btw – art. 44 WBTW / Korting voor contante betaling (art. 28, 1° WBTW)'
		);
		expect(totals.breakdown.reduce((sum, g) => sum + g.taxableCents, 0)).toBe(
			totals.taxExclusiveCents
		);
		expect(totals.payableCents).toBe(9800 + 2058 + 5200);
	});

	it('puts the reverse-charge allowance in AE, not S', () => {
		const totals = totalsOf([line(ID.coContractor, '1000')], { percent: '2', days: 14 });
		expect(totals.allowances.map((a) => a.category)).toEqual(['AE']);
		expect(totals.breakdown.map((g) => [g.key, g.taxableCents])).toEqual([
			['E', 2000],
			['AE', 98000]
		]);
		expect(totals.payableCents).toBe(100000);
		expect(totals.cashDiscount?.amountIfPaidInTimeCents).toBe(98000);
	});

	it('keeps an outside-scope invoice free of other categories', () => {
		const totals = totalsOf([line(ID.outsideScope, '500')], { percent: '1', days: 5 });
		expect(
			totals.breakdown.map((g) => [
				g.key,
				g.lineNetCents,
				g.allowanceCents,
				g.chargeCents,
				g.taxableCents
			])
		).toEqual([['O', 50000, 500, 500, 50000]]);
		expect(totals.charges[0]?.category).toBe('O');
	});

	it('offers no discount at 0 %', () => {
		const totals = totalsOf([line(ID.standard21, '100')], { percent: '0', days: 14 });
		expect(totals.cashDiscount).toBeUndefined();
		expect(totals.allowances).toEqual([]);
		expect(totals.charges).toEqual([]);
	});
});
