import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { creditedCentsByInvoice, settleInvoice } from './settlement';

const RUNS = { numRuns: 500 };
const cents = (max = 10_000_000) => fc.integer({ min: 0, max });

describe('settleInvoice', () => {
	it('is settled by a full credit note: nothing is owed and it reads "credited"', () => {
		expect(settleInvoice({ totalCents: 121_474, paidCents: 0, creditedCents: 121_474 })).toEqual({
			balanceCents: 0,
			status: 'credited'
		});
	});

	it('lowers the balance by a partial credit note and keeps the invoice open', () => {
		expect(settleInvoice({ totalCents: 121_474, paidCents: 0, creditedCents: 21_474 })).toEqual({
			balanceCents: 100_000,
			status: 'open'
		});
	});

	it('is paid when payments cover what a partial credit left', () => {
		expect(
			settleInvoice({ totalCents: 121_474, paidCents: 100_000, creditedCents: 21_474 })
		).toEqual({ balanceCents: 0, status: 'paid' });
		expect(
			settleInvoice({ totalCents: 121_474, paidCents: 50_000, creditedCents: 21_474 })
		).toEqual({ balanceCents: 50_000, status: 'partlyPaid' });
	});

	it('keeps a fresh invoice open for its whole total', () => {
		expect(settleInvoice({ totalCents: 5_000, paidCents: 0, creditedCents: 0 })).toEqual({
			balanceCents: 5_000,
			status: 'open'
		});
	});

	it('refuses amounts that are not whole cents', () => {
		expect(() => settleInvoice({ totalCents: 10.5, paidCents: 0, creditedCents: 0 })).toThrow(
			/totalCents/
		);
	});

	it('balance = total − payments − credits, never below zero nor above the total', () => {
		fc.assert(
			fc.property(cents(), cents(), cents(), (totalCents, paidCents, creditedCents) => {
				const { balanceCents } = settleInvoice({ totalCents, paidCents, creditedCents });
				expect(balanceCents).toBe(Math.max(totalCents - paidCents - creditedCents, 0));
				expect(balanceCents).toBeGreaterThanOrEqual(0);
				expect(balanceCents).toBeLessThanOrEqual(totalCents);
				expect(Number.isSafeInteger(balanceCents)).toBe(true);
			}),
			RUNS
		);
	});

	it('more credit never raises the balance, and a covering credit always reads "credited"', () => {
		fc.assert(
			fc.property(
				cents(),
				cents(),
				cents(),
				cents(),
				(totalCents, paidCents, creditedCents, more) => {
					const before = settleInvoice({ totalCents, paidCents, creditedCents });
					const after = settleInvoice({
						totalCents,
						paidCents,
						creditedCents: creditedCents + more
					});
					expect(after.balanceCents).toBeLessThanOrEqual(before.balanceCents);
					if (creditedCents > 0 && creditedCents >= totalCents)
						expect(before.status).toBe('credited');
				}
			),
			RUNS
		);
	});

	it('says paid or credited exactly when something settled it and nothing is owed', () => {
		fc.assert(
			fc.property(cents(), cents(), cents(), (totalCents, paidCents, creditedCents) => {
				const { balanceCents, status } = settleInvoice({ totalCents, paidCents, creditedCents });
				const touched = paidCents > 0 || creditedCents > 0;
				expect(status === 'paid' || status === 'credited').toBe(touched && balanceCents === 0);
				if (status === 'partlyPaid') expect(paidCents).toBeGreaterThan(0);
			}),
			RUNS
		);
	});
});

describe('creditedCentsByInvoice', () => {
	it('sums the credit notes per corrected invoice and skips those correcting none', () => {
		const credited = creditedCentsByInvoice([
			{ correctsId: 'a', totalCents: 1_000 },
			{ correctsId: 'b', totalCents: 250 },
			{ correctsId: 'a', totalCents: 214 },
			{ correctsId: '', totalCents: 999 }
		]);
		expect([...credited]).toEqual([
			['a', 1_214],
			['b', 250]
		]);
	});
});
