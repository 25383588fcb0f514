import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '$lib/invoice';
import {
	dueOccurrences,
	nextOccurrence,
	occurrencesOf,
	scheduleSchema,
	FREQUENCIES,
	type Schedule
} from './schedule';

const monthly = (dayOfMonth: number, startDate: string, end: Schedule['end'] = { kind: 'never' }) =>
	scheduleSchema.parse({ frequency: 'monthly', dayOfMonth, startDate, end });

function dates(schedule: Schedule, lastMade: string | undefined, today: string): string[] {
	return dueOccurrences(schedule, lastMade, today).map((occurrence) => occurrence.date);
}

describe('occurrences', () => {
	it('a day past the month end falls on its last day, leap years included', () => {
		expect(dates(monthly(31, '2028-01-01'), undefined, '2028-04-30')).toEqual([
			'2028-01-31',
			'2028-02-29',
			'2028-03-31',
			'2028-04-30'
		]);
	});

	it('day 31 (and 29, 30) falls on 28 February in a common year, and back on its day after', () => {
		expect(dates(monthly(31, '2027-01-01'), undefined, '2027-05-31')).toEqual([
			'2027-01-31',
			'2027-02-28',
			'2027-03-31',
			'2027-04-30',
			'2027-05-31'
		]);
		for (const day of [29, 30])
			expect(dates(monthly(day, '2027-02-01'), undefined, '2027-03-31')).toEqual([
				'2027-02-28',
				`2027-03-${day}`
			]);
	});

	it('a yearly invoice on 29 February falls on the 28th in common years', () => {
		const yearly = scheduleSchema.parse({
			frequency: 'yearly',
			dayOfMonth: 29,
			startDate: '2028-02-01',
			end: { kind: 'never' }
		});
		expect(dates(yearly, undefined, '2032-12-31')).toEqual([
			'2028-02-29',
			'2029-02-28',
			'2030-02-28',
			'2031-02-28',
			'2032-02-29'
		]);
	});

	it('day 31 from the last day of a 30-day month: that day first, then the last day of each month', () => {
		expect(dates(monthly(31, '2027-04-30'), undefined, '2027-06-30')).toEqual([
			'2027-04-30',
			'2027-05-31',
			'2027-06-30'
		]);
	});

	it('skips a day in the start month that lies before the start date', () => {
		expect(dates(monthly(1, '2027-03-15'), undefined, '2027-05-01')).toEqual([
			'2027-04-01',
			'2027-05-01'
		]);
	});

	it('quarterly and yearly step three and twelve months', () => {
		const quarterly = scheduleSchema.parse({
			frequency: 'quarterly',
			dayOfMonth: 5,
			startDate: '2027-01-01',
			end: { kind: 'never' }
		});
		expect(dates(quarterly, undefined, '2027-12-31')).toEqual([
			'2027-01-05',
			'2027-04-05',
			'2027-07-05',
			'2027-10-05'
		]);
		const yearly = { ...quarterly, frequency: 'yearly' as const };
		expect(dates(yearly, undefined, '2029-06-30')).toEqual([
			'2027-01-05',
			'2028-01-05',
			'2029-01-05'
		]);
	});

	it('ends after a count or on an end date (inclusive)', () => {
		expect(
			dates(monthly(10, '2027-01-01', { kind: 'count', count: 2 }), undefined, '2028-01-01')
		).toEqual(['2027-01-10', '2027-02-10']);
		expect(
			dates(
				monthly(10, '2027-01-01', { kind: 'until', date: '2027-03-10' }),
				undefined,
				'2028-01-01'
			)
		).toEqual(['2027-01-10', '2027-02-10', '2027-03-10']);
		expect(
			nextOccurrence(monthly(10, '2027-01-01', { kind: 'count', count: 2 }), '2027-02-10')
		).toBe(undefined);
	});

	it('the period is the month, quarter or year the occurrence starts', () => {
		const [first] = occurrencesOf(
			scheduleSchema.parse({
				frequency: 'quarterly',
				dayOfMonth: 31,
				startDate: '2027-11-01',
				end: { kind: 'never' }
			})
		);
		expect(first).toEqual({
			date: '2027-11-30',
			ordinal: 1,
			periodStart: '2027-11-01',
			periodEnd: '2028-01-31'
		});
	});
});

describe('schedule fields', () => {
	const problems = (value: unknown) =>
		scheduleSchema
			.safeParse(value)
			.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);

	it('names the field and the rule', () => {
		expect(
			problems({
				frequency: 'weekly',
				dayOfMonth: 32,
				startDate: '2027-02-30',
				end: { kind: 'count', count: 0 }
			})
		).toEqual([
			'frequency: must be monthly, quarterly or yearly',
			'dayOfMonth: must be a day of the month from 1 to 31',
			'startDate: must be a calendar date written yyyy-mm-dd',
			'end.count: must be at least 1'
		]);
		expect(
			problems({
				frequency: 'monthly',
				dayOfMonth: 1,
				startDate: '2027-02-01',
				end: { kind: 'until', date: '2027-01-01' }
			})
		).toEqual(['end.date: must not be before the start date']);
	});
});

const day = fc.integer({ min: 0, max: 365 * 6 }).map((offset) => addDays('2026-01-01', offset));
const schedules = fc
	.record({
		frequency: fc.constantFrom(...FREQUENCIES),
		dayOfMonth: fc.integer({ min: 1, max: 31 }),
		startDate: day,
		end: fc.oneof(
			fc.constant({ kind: 'never' as const }),
			fc.integer({ min: 1, max: 30 }).map((count) => ({ kind: 'count' as const, count })),
			fc.integer({ min: 0, max: 2000 }).map((offset) => ({ kind: 'until' as const, offset }))
		)
	})
	.map(({ end, ...rest }) =>
		scheduleSchema.parse({
			...rest,
			end: end.kind === 'until' ? { kind: 'until', date: addDays(rest.startDate, end.offset) } : end
		})
	);

/** Opens the app on each of `days` (sorted) and makes what is due, as the runner does. */
function runOn(schedule: Schedule, days: readonly string[]): string[] {
	let lastMade: string | undefined;
	const made: string[] = [];
	for (const today of days) {
		const due = dueOccurrences(schedule, lastMade, today);
		made.push(...due.map((occurrence) => occurrence.date));
		lastMade = due.at(-1)?.date ?? lastMade;
	}
	return made;
}

describe('properties', () => {
	it('however often and whenever the app opens, each occurrence up to the last day is made once, in order', () => {
		fc.assert(
			fc.property(schedules, fc.array(day, { minLength: 1, maxLength: 12 }), (schedule, opened) => {
				const days = [...opened].sort();
				const last = days.at(-1) ?? '';
				const made = runOn(schedule, days);
				const expected = dates(schedule, undefined, last);
				expect(made).toEqual(expected);
				expect(new Set(made).size).toBe(made.length);
				expect(made.every((date) => date >= schedule.startDate && date <= last)).toBe(true);
			})
		);
	});

	it("every occurrence is on day N or its month's last day, and counts and end dates hold", () => {
		fc.assert(
			fc.property(schedules, (schedule) => {
				const all = dates(schedule, undefined, '2040-12-31');
				for (const date of all) {
					const dayOfMonth = Number(date.slice(8));
					const monthEnd = addDays(`${addDays(`${date.slice(0, 8)}28`, 4).slice(0, 8)}01`, -1);
					expect(
						dayOfMonth === schedule.dayOfMonth ||
							(schedule.dayOfMonth > dayOfMonth && date === monthEnd)
					).toBe(true);
				}
				if (schedule.end.kind === 'count')
					expect(all.length).toBeLessThanOrEqual(schedule.end.count);
				if (schedule.end.kind === 'until') {
					const until = schedule.end.date;
					expect(all.every((date) => date <= until)).toBe(true);
				}
			})
		);
	});
});
