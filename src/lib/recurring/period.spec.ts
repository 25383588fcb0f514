import { describe, expect, it } from 'vitest';
import type { FormLine } from '$lib/document';
import { linesForPeriod, periodText, wantsPeriod } from './period';

describe('period text', () => {
	it('names the month, or the months a quarter or year spans, in the invoice language', () => {
		expect(periodText({ periodStart: '2027-03-01', periodEnd: '2027-03-31' }, 'en')).toBe(
			'March 2027'
		);
		expect(periodText({ periodStart: '2027-03-01', periodEnd: '2027-03-31' }, 'nl')).toBe(
			'maart 2027'
		);
		expect(periodText({ periodStart: '2027-03-01', periodEnd: '2027-05-31' }, 'en')).toMatch(
			/^March\s–\sMay 2027$/
		);
		expect(periodText({ periodStart: '2027-11-01', periodEnd: '2028-10-31' }, 'fr')).toMatch(
			/^novembre 2027\s–\soctobre 2028$/
		);
	});

	it('goes where a line asks for it with {period}, and nowhere else', () => {
		const lines: FormLine[] = [
			{
				key: 'a',
				type: 'item',
				description: 'Hosting {period}',
				quantity: '1',
				unitCode: 'C62',
				unitPrice: '20',
				vatCodeId: 'S21',
				discountPercent: ''
			},
			{ key: 'b', type: 'text', text: 'Period: {period}' },
			{ key: 'c', type: 'text', text: 'Thank you' }
		];
		expect(wantsPeriod(lines)).toBe(true);
		expect(wantsPeriod(lines.slice(2))).toBe(false);
		const filled = linesForPeriod(lines, 'March 2027');
		expect(filled.map((line) => (line.type === 'item' ? line.description : line.text))).toEqual([
			'Hosting March 2027',
			'Period: March 2027',
			'Thank you'
		]);
	});
});
