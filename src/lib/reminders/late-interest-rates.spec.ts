import { describe, expect, it } from 'vitest';
import { lateInterest, LATE_PAYMENT_RATES, rateOn } from './late-interest-rates';

describe('late-payment rates (Law of 2 August 2002, art. 5)', () => {
	it('has one rate per half-year, in order, each with its source', () => {
		for (const [index, rate] of LATE_PAYMENT_RATES.entries()) {
			expect(rate.from).toMatch(/^\d{4}-(01|07)-01$/);
			expect(rate.source).not.toBe('');
			if (index > 0) expect(rate.from > LATE_PAYMENT_RATES[index - 1]!.from).toBe(true);
		}
	});

	it('finds the rate of the half-year a day falls in', () => {
		expect(rateOn('2024-06-30')?.percent).toBe('12.5');
		expect(rateOn('2023-07-01')?.percent).toBe('12');
		expect(rateOn('2019-05-01')).toBeUndefined();
	});

	it('splits the interest at a half-year boundary', () => {
		// €10,000: 30 June 2023 at 10.5 % (1 day) and 1–10 July at 12 % (10 days).
		const interest = lateInterest(1_000_000, '2023-06-30', '2023-07-10');
		expect(interest?.rates.map((rate) => rate.percent)).toEqual(['10.5', '12']);
		// 10000 × (0.105 × 1 + 0.12 × 10) / 365 = 35.753… → €35.75
		expect(interest?.cents).toBe(3_575);
	});

	it('is zero for an empty period and undefined without a rate', () => {
		expect(lateInterest(1_000, '2025-01-02', '2025-01-01')?.cents).toBe(0);
		expect(lateInterest(1_000, '2019-01-01', '2019-01-10')).toBeUndefined();
	});
});
