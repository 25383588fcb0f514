import { describe, expect, it } from 'vitest';
import { datePattern, formatLocalDate, parseLocalDate } from './local-date';

describe('local dates', () => {
	it('shows day, month, year with the placeholder of the UI language', () => {
		expect(formatLocalDate('2026-12-06')).toBe('06/12/2026');
		expect(datePattern('en')).toBe('dd/mm/yyyy');
		expect(datePattern('nl')).toBe('dd/mm/jjjj');
		expect(datePattern('fr')).toBe('jj/mm/aaaa');
	});

	it('reads what people type, day first', () => {
		expect(parseLocalDate('06/12/2026')).toBe('2026-12-06');
		expect(parseLocalDate('6-12-2026')).toBe('2026-12-06');
		expect(parseLocalDate(' 6.1.26 ')).toBe('2026-01-06');
	});

	it('refuses dates that are not on the calendar or not day-month-year', () => {
		expect(parseLocalDate('31/02/2026')).toBeUndefined();
		expect(parseLocalDate('12/31/2026')).toBeUndefined();
		expect(parseLocalDate('2026-12-06')).toBeUndefined();
		expect(parseLocalDate('')).toBeUndefined();
	});

	it('round-trips every day of a leap year', () => {
		for (let day = 0; day < 366; day += 1) {
			const iso = new Date(Date.UTC(2028, 0, 1 + day)).toISOString().slice(0, 10);
			expect(parseLocalDate(formatLocalDate(iso))).toBe(iso);
		}
	});
});
