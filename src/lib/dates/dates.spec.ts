import { describe, expect, it } from 'vitest';
import { formatDateTime, formatLongDate, formatNumericDate } from './index';

describe('calendar dates', () => {
	it('are written the way each language writes them, two-digit day and month', () => {
		expect(formatNumericDate('2026-05-03', 'nl-BE')).toBe('03/05/2026');
		expect(formatNumericDate('2026-05-31', 'fr-BE')).toBe('31/05/2026');
		expect(formatNumericDate('2026-05-31', 'de-DE')).toBe('31.05.2026');
		expect(formatLongDate('2026-06-16', 'nl-BE')).toBe('16 juni 2026');
		expect(formatLongDate('2026-06-16', 'fr-BE')).toBe('16 juin 2026');
	});

	it('keep their day whatever the reader’s time zone', () => {
		// The first of January is the first in every zone, not 31 December west of Greenwich.
		expect(formatNumericDate('2026-01-01', 'nl-BE')).toBe('01/01/2026');
		expect(formatLongDate('2026-01-01', 'en-GB')).toBe('1 January 2026');
	});
});

describe('moments', () => {
	it('show what toLocaleString shows, or a short form', () => {
		const at = '2026-05-31T10:15:30Z';
		expect(formatDateTime(at, 'en-GB')).toBe(new Date(at).toLocaleString('en-GB'));
		expect(formatDateTime(Date.parse(at), 'nl-BE')).toBe(new Date(at).toLocaleString('nl-BE'));
		expect(formatDateTime(at, 'en-GB', 'short')).toBe(
			new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(
				Date.parse(at)
			)
		);
	});
});
