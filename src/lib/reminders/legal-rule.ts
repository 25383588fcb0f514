import Big from 'big.js';
import { addDays, daysBetween, type IsoDate } from '$lib/invoice/calendar-date';
import { centsFromEuros, eurosFromCents, type Cents } from '$lib/money/cents';
import { lateInterest, LATE_PAYMENT_RATES, type HalfYearRate } from './late-interest-rates';
import type { ReminderCharges } from './reminder-settings';

/**
 * consumer: the buyer is not a business, so Book XIX of the Code of Economic Law (WER / CDE)
 * applies: the first reminder is free, and nothing may be charged before the 14 days it gives
 * have passed. business: the Law of 2 August 2002 on late payment in commercial transactions.
 */
export type ReminderRule = 'consumer' | 'business';

export function reminderRuleFor(buyerKind: 'business' | 'private'): ReminderRule {
	return buyerKind === 'business' ? 'business' : 'consumer';
}

/**
 * WER art. XIX.2 §1: the consumer has at least 14 calendar days, counted from the day after an
 * electronic reminder is sent (from the third working day for one on paper; an e-mail is the
 * only kind Billfold sends). Charges may be claimed once that period is over: from day 15.
 */
export const CONSUMER_GRACE_DAYS = 14;

/** The first day a consumer may be charged, given the day the first reminder was sent. */
export function consumerChargeableFrom(firstReminderSentOn: IsoDate): IsoDate {
	return addDays(firstReminderSentOn, CONSUMER_GRACE_DAYS + 1);
}

/**
 * WER art. XIX.4 §2 caps the flat damages on a consumer debt: €20 up to €150; €30 plus 10 % of
 * the part from €150.01 to €500; €65 plus 5 % of the part above €500, at most €2,000.
 */
export function consumerDamagesCapCents(amountDueCents: Cents): Cents {
	if (amountDueCents <= 0) return 0;
	if (amountDueCents <= 15_000) return 2_000;
	const euros = eurosFromCents(amountDueCents);
	const cap =
		amountDueCents <= 50_000
			? new Big(30).plus(euros.minus(150).times('0.10'))
			: new Big(65).plus(euros.minus(500).times('0.05'));
	return Math.min(centsFromEuros(cap, 'damages'), 200_000);
}

/** Law of 2 August 2002, art. 6: a fixed €40 for recovery costs, per invoice. */
export const BUSINESS_FLAT_COMPENSATION_CENTS: Cents = 4_000;

export interface ChargeInput {
	rule: ReminderRule;
	amountDueCents: Cents;
	dueDate: IsoDate;
	today: IsoDate;
	/** When the first reminder for this invoice was sent; undefined when none was sent yet. */
	firstReminderSentOn: IsoDate | undefined;
	chosen: ReminderCharges;
	rates?: readonly HalfYearRate[];
}

export interface StatedCharges {
	rule: ReminderRule;
	interestCents: Cents;
	/** The rates the interest was computed at (one per half-year of delay). */
	interestRates: HalfYearRate[];
	/** Interest runs from this day (inclusive); undefined when none is stated. */
	interestFrom: IsoDate | undefined;
	/** €40 for a business, the capped damages for a consumer. */
	flatCents: Cents;
	totalCents: Cents;
	/**
	 * Why nothing (or less than chosen) is stated: 'consumer-first-free' (no reminder sent yet),
	 * 'consumer-grace' (within the 14 days after the first), 'rate-unknown' (a half-year has no
	 * published rate in the table), 'none-chosen'.
	 */
	withheld: ('consumer-first-free' | 'consumer-grace' | 'rate-unknown' | 'none-chosen')[];
	/** For a consumer: the first day charges may be stated, once a first reminder went out. */
	chargeableFrom: IsoDate | undefined;
}

/**
 * The charges a reminder sent today may state: only those the seller chose, only what the law
 * allows, capped as it caps them. Never more: an amount the law does not allow is left out.
 */
export function chargesFor(input: ChargeInput): StatedCharges {
	const { rule, amountDueCents, dueDate, today, firstReminderSentOn, chosen } = input;
	const rates = input.rates ?? LATE_PAYMENT_RATES;
	const withheld: StatedCharges['withheld'] = [];
	const none = (chargeableFrom: IsoDate | undefined): StatedCharges => ({
		rule,
		interestCents: 0,
		interestRates: [],
		interestFrom: undefined,
		flatCents: 0,
		totalCents: 0,
		withheld,
		chargeableFrom
	});
	const wantsInterest = rule === 'business' ? chosen.businessInterest : chosen.consumerInterest;
	const wantsFlat = rule === 'business' ? chosen.businessFlatCompensation : chosen.consumerDamages;
	if (!wantsInterest && !wantsFlat) withheld.push('none-chosen');
	if (amountDueCents <= 0 || today <= dueDate) return none(undefined);

	let interestFrom: IsoDate;
	let chargeableFrom: IsoDate | undefined;
	if (rule === 'consumer') {
		if (firstReminderSentOn === undefined) {
			if (wantsInterest || wantsFlat) withheld.push('consumer-first-free');
			return none(undefined);
		}
		chargeableFrom = consumerChargeableFrom(firstReminderSentOn);
		if (today < chargeableFrom) {
			if (wantsInterest || wantsFlat) withheld.push('consumer-grace');
			return none(chargeableFrom);
		}
		interestFrom = chargeableFrom;
	} else {
		// Owed from the day after the due date, without a notice (art. 4 and 5).
		interestFrom = addDays(dueDate, 1);
	}

	let interestCents = 0;
	let interestRates: HalfYearRate[] = [];
	if (wantsInterest) {
		const interest = lateInterest(amountDueCents, interestFrom, today, rates);
		if (interest) ({ cents: interestCents, rates: interestRates } = interest);
		else withheld.push('rate-unknown');
	}
	const flatCents = !wantsFlat
		? 0
		: rule === 'business'
			? BUSINESS_FLAT_COMPENSATION_CENTS
			: consumerDamagesCapCents(amountDueCents);
	return {
		rule,
		interestCents,
		interestRates,
		interestFrom: interestCents > 0 ? interestFrom : undefined,
		flatCents,
		totalCents: interestCents + flatCents,
		withheld,
		chargeableFrom
	};
}

/** Days past the due date, 0 when not yet due. */
export function daysOverdue(dueDate: IsoDate, today: IsoDate): number {
	return Math.max(daysBetween(dueDate, today), 0);
}
