import { z } from 'zod';
import { invoiceCountSchema } from '$protocol/common';
import { compareDates, isoDateSchema, type IsoDate } from '$lib/invoice';

export const FREQUENCIES = ['monthly', 'quarterly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

const MONTHS_PER: Record<Frequency, number> = { monthly: 1, quarterly: 3, yearly: 12 };

/** How a schedule stops: never, after a date (inclusive), or after a number of invoices. */
export const scheduleEndSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('never') }),
	z.object({ kind: z.literal('until'), date: isoDateSchema }),
	z.object({
		kind: z.literal('count'),
		count: invoiceCountSchema
	})
]);
export type ScheduleEnd = z.infer<typeof scheduleEndSchema>;

/**
 * Every month, quarter or year on day N of the month (a day past the month's end falls on its
 * last day), from the start date on. Occurrences before the start date do not count.
 */
export const scheduleSchema = z
	.object({
		frequency: z.enum(FREQUENCIES, { message: 'must be monthly, quarterly or yearly' }),
		dayOfMonth: z
			.number({ message: 'must be a day of the month from 1 to 31' })
			.int('must be a day of the month from 1 to 31')
			.min(1, 'must be a day of the month from 1 to 31')
			.max(31, 'must be a day of the month from 1 to 31'),
		startDate: isoDateSchema.refine((date) => date >= '2000-01-01', {
			message: 'must be in the year 2000 or later'
		}),
		end: scheduleEndSchema
	})
	.superRefine((schedule, context) => {
		if (schedule.end.kind === 'until' && compareDates(schedule.end.date, schedule.startDate) < 0) {
			context.addIssue({
				code: 'custom',
				path: ['end', 'date'],
				message: 'must not be before the start date'
			});
		}
	});
export type Schedule = z.infer<typeof scheduleSchema>;

function monthIndexOf(date: IsoDate): number {
	return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

function daysInMonth(monthIndex: number): number {
	const year = Math.floor(monthIndex / 12);
	return new Date(Date.UTC(year, (monthIndex % 12) + 1, 0)).getUTCDate();
}

function dateOf(monthIndex: number, day: number): IsoDate {
	const year = Math.floor(monthIndex / 12);
	const month = (monthIndex % 12) + 1;
	const clamped = Math.min(day, daysInMonth(monthIndex));
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(clamped).padStart(2, '0')}`;
}

export interface Occurrence {
	/** The day the invoice falls due to be made. */
	date: IsoDate;
	/** 1 for the schedule's first invoice, 2 for the second, ... */
	ordinal: number;
	/** The first day of the month the invoiced period starts in. */
	periodStart: IsoDate;
	/** The last day of the period: one month, quarter or year after its start. */
	periodEnd: IsoDate;
}

/** The schedule's occurrences in order, from the first on or after the start date to its end. */
export function* occurrencesOf(schedule: Schedule): Generator<Occurrence> {
	const step = MONTHS_PER[schedule.frequency];
	let monthIndex = monthIndexOf(schedule.startDate);
	let ordinal = 0;
	for (;;) {
		const date = dateOf(monthIndex, schedule.dayOfMonth);
		const periodMonth = monthIndex;
		monthIndex += step;
		if (date < schedule.startDate) continue;
		if (schedule.end.kind === 'until' && date > schedule.end.date) return;
		if (schedule.end.kind === 'count' && ordinal >= schedule.end.count) return;
		ordinal += 1;
		yield {
			date,
			ordinal,
			periodStart: dateOf(periodMonth, 1),
			periodEnd: dateOf(periodMonth + step - 1, 31)
		};
	}
}

/**
 * What is due on `today`: every occurrence after the last one made (none yet: undefined) up to
 * and including today, oldest first. A device that was closed for months catches up each missed
 * period once, in order; the same call after those are made returns nothing.
 */
export function dueOccurrences(
	schedule: Schedule,
	lastMade: IsoDate | undefined,
	today: IsoDate
): Occurrence[] {
	const due: Occurrence[] = [];
	for (const occurrence of occurrencesOf(schedule)) {
		if (occurrence.date > today) break;
		if (lastMade === undefined || occurrence.date > lastMade) due.push(occurrence);
	}
	return due;
}

/** The next occurrence still to be made, or undefined once the schedule has ended. */
export function nextOccurrence(
	schedule: Schedule,
	lastMade: IsoDate | undefined
): Occurrence | undefined {
	for (const occurrence of occurrencesOf(schedule)) {
		if (lastMade === undefined || occurrence.date > lastMade) return occurrence;
	}
	return undefined;
}
