import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { countConstructions } from '../../../tests/factories/count-constructions';
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

describe('numeric dates without Intl', () => {
	const locales = ['nl-BE', 'fr-BE', 'en-GB', 'en', 'de', 'de-DE'];

	it("are exactly Intl's, real dates and impossible ones alike", () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1000, max: 9999 }),
				fc.integer({ min: 1, max: 12 }),
				fc.integer({ min: 1, max: 31 }),
				fc.constantFrom(...locales),
				(year, month, day, locale) => {
					const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
					expect(formatNumericDate(date, locale)).toBe(
						new Intl.DateTimeFormat(locale, {
							day: '2-digit',
							month: '2-digit',
							year: 'numeric',
							timeZone: 'UTC'
						}).format(new Date(`${date}T00:00:00Z`))
					);
				}
			),
			{ numRuns: 1000 }
		);
	});

	it('make no Intl formatter in the document locales (a PDF worker then skips ICU)', async () => {
		vi.resetModules();
		const fresh = await import('./index');
		const made = countConstructions('DateTimeFormat');
		try {
			for (const locale of locales) fresh.formatNumericDate('2026-03-16', locale);
			expect(made.count).toBe(0);
			expect(fresh.formatNumericDate('2026-03-16', 'sv-SE')).toBe('2026-03-16');
			expect(made.count).toBeGreaterThan(0);
		} finally {
			made.restore();
		}
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
