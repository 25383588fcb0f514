import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '$lib/invoice';
import {
	BUSINESS_FLAT_COMPENSATION_CENTS,
	chargesFor,
	consumerDamagesCapCents,
	reminderRuleFor,
	type ChargeInput
} from './legal-rule';
import type { ReminderCharges } from './reminder-settings';

const ALL: ReminderCharges = {
	businessInterest: true,
	businessFlatCompensation: true,
	consumerInterest: true,
	consumerDamages: true
};
const NONE: ReminderCharges = {
	businessInterest: false,
	businessFlatCompensation: false,
	consumerInterest: false,
	consumerDamages: false
};

const base: ChargeInput = {
	rule: 'consumer',
	amountDueCents: 100_000,
	dueDate: '2025-03-01',
	today: '2025-03-10',
	firstReminderSentOn: undefined,
	chosen: ALL
};

describe('reminderRuleFor', () => {
	it('treats a private buyer as a consumer and a business as a business', () => {
		expect(reminderRuleFor('private')).toBe('consumer');
		expect(reminderRuleFor('business')).toBe('business');
	});
});

describe('chargesFor a consumer (WER Book XIX)', () => {
	it('states nothing on the first reminder, even with every charge chosen', () => {
		const charges = chargesFor(base);
		expect(charges.totalCents).toBe(0);
		expect(charges.withheld).toContain('consumer-first-free');
	});

	it('states nothing within the 14 days after the first reminder, and says from when it may', () => {
		const charges = chargesFor({
			...base,
			firstReminderSentOn: '2025-03-10',
			today: '2025-03-24'
		});
		expect(charges.totalCents).toBe(0);
		expect(charges.withheld).toContain('consumer-grace');
		expect(charges.chargeableFrom).toBe('2025-03-25');
	});

	it('states capped damages and interest from the end of the 14 days on', () => {
		const charges = chargesFor({
			...base,
			firstReminderSentOn: '2025-03-10',
			today: '2025-04-03'
		});
		// €1,000 due: €65 + 5 % of €500 = €90.
		expect(charges.flatCents).toBe(9_000);
		expect(charges.interestFrom).toBe('2025-03-25');
		// 10 days (25 Mar–3 Apr) at 11.5 %: 1000 × 0.115 × 10 / 365 = €3.15.
		expect(charges.interestCents).toBe(315);
		expect(charges.totalCents).toBe(9_315);
	});

	it('states only what the seller chose', () => {
		const charges = chargesFor({
			...base,
			chosen: { ...NONE, consumerDamages: true },
			firstReminderSentOn: '2025-03-10',
			today: '2025-05-01'
		});
		expect(charges.interestCents).toBe(0);
		expect(charges.flatCents).toBe(9_000);
	});

	it('never carries a charge before day 15 after the first reminder (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 100_000_000 }),
				fc.integer({ min: 0, max: 700 }),
				fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
				fc.integer({ min: 0, max: 800 }),
				fc.record({
					businessInterest: fc.boolean(),
					businessFlatCompensation: fc.boolean(),
					consumerInterest: fc.boolean(),
					consumerDamages: fc.boolean()
				}),
				(amountDueCents, dueOffset, firstOffset, todayOffset, chosen) => {
					const dueDate = addDays('2024-01-01', dueOffset);
					const firstReminderSentOn =
						firstOffset === undefined ? undefined : addDays(dueDate, firstOffset);
					const today = addDays(dueDate, todayOffset);
					const charges = chargesFor({
						rule: 'consumer',
						amountDueCents,
						dueDate,
						today,
						firstReminderSentOn,
						chosen
					});
					const allowed =
						firstReminderSentOn !== undefined && today >= addDays(firstReminderSentOn, 15);
					if (!allowed) expect(charges.totalCents).toBe(0);
					expect(charges.flatCents).toBeLessThanOrEqual(consumerDamagesCapCents(amountDueCents));
					expect(charges.totalCents).toBe(charges.interestCents + charges.flatCents);
				}
			),
			{ numRuns: 1000 }
		);
	});
});

describe('consumerDamagesCapCents (WER art. XIX.4)', () => {
	it('follows the three brackets and the €2,000 ceiling', () => {
		expect(consumerDamagesCapCents(15_000)).toBe(2_000);
		expect(consumerDamagesCapCents(15_001)).toBe(3_000);
		expect(consumerDamagesCapCents(50_000)).toBe(6_500);
		expect(consumerDamagesCapCents(100_000)).toBe(9_000);
		expect(consumerDamagesCapCents(10_000_000)).toBe(200_000);
	});

	it('never decreases as the amount grows (property)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.nat(1_000_000), (a, step) => {
				expect(consumerDamagesCapCents(a + step)).toBeGreaterThanOrEqual(
					consumerDamagesCapCents(a)
				);
			})
		);
	});
});

describe('chargesFor a business (Law of 2 August 2002)', () => {
	const business: ChargeInput = { ...base, rule: 'business' };

	it('states interest from the day after the due date and the €40, with no reminder needed', () => {
		const charges = chargesFor({ ...business, today: '2025-03-31' });
		expect(charges.interestFrom).toBe('2025-03-02');
		// 30 days at 11.5 % on €1,000: €9.45.
		expect(charges.interestCents).toBe(945);
		expect(charges.flatCents).toBe(BUSINESS_FLAT_COMPENSATION_CENTS);
		expect(charges.interestRates.map((rate) => rate.percent)).toEqual(['11.5']);
	});

	it('states nothing the seller did not choose', () => {
		const charges = chargesFor({ ...business, chosen: NONE, today: '2025-06-01' });
		expect(charges.totalCents).toBe(0);
		expect(charges.withheld).toEqual(['none-chosen']);
	});

	it('leaves interest out when a half-year has no rate in the table', () => {
		const charges = chargesFor({ ...business, rates: [], today: '2025-06-01' });
		expect(charges.interestCents).toBe(0);
		expect(charges.withheld).toContain('rate-unknown');
		expect(charges.flatCents).toBe(4_000);
	});

	it('states nothing on an invoice not yet overdue or with nothing due', () => {
		expect(chargesFor({ ...business, today: '2025-03-01' }).totalCents).toBe(0);
		expect(chargesFor({ ...business, amountDueCents: 0 }).totalCents).toBe(0);
	});
});
