import { describe, expect, it } from 'vitest';
import { upcomingDueDays } from './nudge-dues';
import { scheduleSchema, type Schedule } from './schedule';

const monthly = (dayOfMonth: number, startDate: string, end: Schedule['end'] = { kind: 'never' }) =>
	scheduleSchema.parse({ frequency: 'monthly', dayOfMonth, startDate, end });

describe('the due days a device tells the relay', () => {
	it('counts the invoices per day from today on, soonest first, and leaves out paused templates', () => {
		const templates = [
			{ schedule: monthly(1, '2027-01-01'), lastMade: '2027-03-01', paused: false },
			{ schedule: monthly(1, '2027-02-01'), lastMade: '2027-03-01', paused: false },
			{ schedule: monthly(15, '2027-01-01'), lastMade: '2027-03-15', paused: false },
			{ schedule: monthly(20, '2027-01-01'), lastMade: undefined, paused: true }
		];
		expect(upcomingDueDays(templates, '2027-03-16', 60)).toEqual([
			{ date: '2027-04-01', count: 2 },
			{ date: '2027-04-15', count: 1 },
			{ date: '2027-05-01', count: 2 },
			{ date: '2027-05-15', count: 1 }
		]);
	});

	it('holds only dates and counts, stops with the schedule, and never more than the relay keeps', () => {
		const ended = {
			schedule: monthly(10, '2027-01-01', { kind: 'count', count: 2 }),
			paused: false
		};
		expect(upcomingDueDays([{ ...ended, lastMade: '2027-01-10' }], '2027-01-11')).toEqual([
			{ date: '2027-02-10', count: 1 }
		]);
		const many = Array.from({ length: 12 }, (_, day) => ({
			schedule: monthly(day + 1, '2027-01-01'),
			lastMade: undefined,
			paused: false
		}));
		const days = upcomingDueDays(many, '2027-01-01');
		expect(days).toHaveLength(100);
		expect(days.every((day) => Object.keys(day).join() === 'date,count')).toBe(true);
		expect(days[0]).toEqual({ date: '2027-01-01', count: 1 });
	});

	it('a day past the month end counts on its last day, in February and April too', () => {
		const days = upcomingDueDays(
			[{ schedule: monthly(31, '2027-01-01'), lastMade: '2027-01-31', paused: false }],
			'2027-02-01',
			90
		);
		expect(days.map((day) => day.date)).toEqual(['2027-02-28', '2027-03-31', '2027-04-30']);
	});
});
