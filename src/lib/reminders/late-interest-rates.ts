import Big from 'big.js';
import { addDays, daysBetween, type IsoDate } from '$lib/invoice/calendar-date';
import { centsFromEuros, eurosFromCents, type Cents } from '$lib/money/cents';

/**
 * The statutory rate for late payment in commercial transactions, per half-year: art. 5 of the
 * Law of 2 August 2002 (Wet betreffende de bestrijding van de betalingsachterstand bij
 * handelstransacties): the ECB main refinancing rate in force on 1 January or 1 July, rounded up
 * to the next half percentage point, plus 8 points. Source: the half-yearly notice of the FPS
 * Finance (Treasury) in the Belgian Official Gazette, https://finance.belgium.be (rente_nl).
 * The WER Book XIX cap on a consumer's interest (art. XIX.4 §1) refers to the same rate.
 */
export interface HalfYearRate {
	/** The first day of the half-year: yyyy-01-01 or yyyy-07-01. */
	from: IsoDate;
	/** Percent a year, as a decimal string. */
	percent: string;
	/** Where the figure comes from. */
	source: string;
}

const GAZETTE = 'FPS Finance notice, Belgian Official Gazette';
/** The ECB has held its main refinancing rate at 2.15 % since 11 June 2025 (rounded up: 2.5). */
const DERIVED =
	'ECB main refinancing rate 2.15 % rounded up to 2.5 + 8 (art. 5); check the Gazette';

export const LATE_PAYMENT_RATES: readonly HalfYearRate[] = [
	{ from: '2023-01-01', percent: '10.5', source: GAZETTE },
	{ from: '2023-07-01', percent: '12', source: GAZETTE },
	{ from: '2024-01-01', percent: '12.5', source: GAZETTE },
	{ from: '2024-07-01', percent: '12.5', source: GAZETTE },
	{ from: '2025-01-01', percent: '11.5', source: GAZETTE },
	{ from: '2025-07-01', percent: '10.5', source: GAZETTE },
	{ from: '2026-01-01', percent: '10.5', source: DERIVED },
	{ from: '2026-07-01', percent: '10.5', source: DERIVED }
];

function halfYearStart(date: IsoDate): IsoDate {
	return `${date.slice(0, 4)}-${date.slice(5, 7) < '07' ? '01' : '07'}-01`;
}

function nextHalfYear(start: IsoDate): IsoDate {
	const year = Number(start.slice(0, 4));
	return start.slice(5, 7) === '01' ? `${year}-07-01` : `${year + 1}-01-01`;
}

/** The rate for the half-year that `date` falls in; undefined when the table does not cover it. */
export function rateOn(
	date: IsoDate,
	rates: readonly HalfYearRate[] = LATE_PAYMENT_RATES
): HalfYearRate | undefined {
	const start = halfYearStart(date);
	return rates.find((rate) => rate.from === start);
}

export interface InterestResult {
	cents: Cents;
	/** The rates used, one per half-year the delay spans. */
	rates: HalfYearRate[];
}

/**
 * Simple interest on `amountCents` for each day from `from` up to and including `to`, at the
 * rate of the half-year each day falls in (actual days / 365). Undefined when a half-year of the
 * period has no rate in the table: an interest figure the user cannot check is never stated.
 */
export function lateInterest(
	amountCents: Cents,
	from: IsoDate,
	to: IsoDate,
	rates: readonly HalfYearRate[] = LATE_PAYMENT_RATES
): InterestResult | undefined {
	if (amountCents <= 0 || to < from) return { cents: 0, rates: [] };
	let euros = new Big(0);
	const used: HalfYearRate[] = [];
	let start = from;
	while (start <= to) {
		const rate = rateOn(start, rates);
		if (!rate) return undefined;
		const periodEnd = addDays(nextHalfYear(halfYearStart(start)), -1);
		const end = periodEnd < to ? periodEnd : to;
		const days = daysBetween(start, end) + 1;
		euros = euros.plus(
			eurosFromCents(amountCents).times(rate.percent).div(100).times(days).div(365)
		);
		used.push(rate);
		start = addDays(end, 1);
	}
	return { cents: centsFromEuros(euros, 'interest'), rates: used };
}
