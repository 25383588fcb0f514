import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkSeries, nextInvoiceNumber } from './next-number';
import { formatInvoiceNumber, parseInvoiceNumber, parsePattern } from './pattern';
import { numberingSettingsSchema, seriesFor } from './series';

describe('number patterns', () => {
	it('formats the usual Belgian patterns', () => {
		expect(formatInvoiceNumber('{YYYY}-{SEQ:4}', 1, '2026-05-17')).toBe('2026-0001');
		expect(formatInvoiceNumber('F{YY}/{SEQ:3}', 42, '2026-05-17')).toBe('F26/042');
		expect(formatInvoiceNumber('CN{YYYY}{MM}-{SEQ:2}', 7, '2026-11-02')).toBe('CN202611-07');
		expect(formatInvoiceNumber('{SEQ:3}', 12345, '2026-01-01')).toBe('12345');
	});

	it('rejects patterns it cannot number with', () => {
		expect(() => parsePattern('{YYYY}-')).toThrow(/exactly one \{SEQ:n\}/);
		expect(() => parsePattern('{SEQ:4}-{SEQ:2}')).toThrow(/exactly one/);
		expect(() => parsePattern('{YEAR}-{SEQ:4}')).toThrow(/unknown token \{YEAR\}/);
		expect(() => parsePattern('{SEQ:0}')).toThrow(/between 1 and 10/);
		expect(() => parsePattern('A}{SEQ:2}')).toThrow(/unmatched brace/);
		expect(numberingSettingsSchema.safeParse({ invoicePattern: '{YYYY}' }).success).toBe(false);
	});

	it('reads back sequence and year from every number it makes', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('{YYYY}-{SEQ:4}', 'F{YY}/{SEQ:3}', 'INV.{SEQ:1}', '{YYYY}{MM}{SEQ:5}'),
				fc.integer({ min: 1, max: 9_999_999 }),
				fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
				(pattern, sequence, date) => {
					const issueDate = date.toISOString().slice(0, 10);
					const number = formatInvoiceNumber(pattern, sequence, issueDate);
					expect(parseInvoiceNumber(pattern, number)?.sequence).toBe(sequence);
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('nextInvoiceNumber', () => {
	it('starts at 1 and counts on', () => {
		expect(nextInvoiceNumber('{YYYY}-{SEQ:4}', undefined, '2026-01-05')).toEqual({
			number: '2026-0001',
			sequence: 1
		});
		expect(
			nextInvoiceNumber(
				'{YYYY}-{SEQ:4}',
				{ number: '2026-0041', issueDate: '2026-05-01' },
				'2026-05-17'
			)
		).toEqual({
			number: '2026-0042',
			sequence: 42
		});
	});

	it('restarts in a new year when the pattern shows the year, and not otherwise', () => {
		const last = { number: 'F26/123', issueDate: '2026-12-31' };
		expect(nextInvoiceNumber('F{YY}/{SEQ:3}', last, '2027-01-02').number).toBe('F27/001');
		expect(
			nextInvoiceNumber('INV{SEQ:5}', { number: 'INV00123', issueDate: '2026-12-31' }, '2027-01-02')
				.number
		).toBe('INV00124');
	});

	it('refuses an issue date before the last one', () => {
		expect(() =>
			nextInvoiceNumber(
				'{YYYY}-{SEQ:4}',
				{ number: '2026-0042', issueDate: '2026-05-17' },
				'2026-05-16'
			)
		).toThrow(/issueDate: 2026-05-16 is before 2026-05-17/);
		expect(() =>
			nextInvoiceNumber('{YYYY}-{SEQ:4}', { number: 'X-1', issueDate: '2026-05-17' }, '2026-05-18')
		).toThrow(/last\.number/);
	});
});

describe('checkSeries', () => {
	it('accepts a continuous, chronological series across a year change', () => {
		expect(
			checkSeries('{YYYY}-{SEQ:4}', [
				{ number: '2025-0099', issueDate: '2025-12-30' },
				{ number: '2025-0100', issueDate: '2025-12-31' },
				{ number: '2026-0001', issueDate: '2026-01-02' },
				{ number: '2026-0002', issueDate: '2026-01-02' }
			])
		).toEqual([]);
	});

	it('reports every gap, duplicate, reordering and dating problem', () => {
		const problems = checkSeries('{YYYY}-{SEQ:4}', [
			{ number: '2026-0001', issueDate: '2026-01-02' },
			{ number: '2026-0003', issueDate: '2026-01-03' },
			{ number: '2026-0003', issueDate: '2026-01-04' },
			{ number: '2026-0004', issueDate: '2026-01-01' },
			{ number: '2025-0005', issueDate: '2026-01-05' },
			{ number: 'junk', issueDate: '2026-01-06' }
		]);
		expect(problems.map((p) => `${p.index} ${p.kind}`)).toEqual([
			'1 gap',
			'2 duplicate',
			'3 date-order',
			'4 wrong-year',
			'5 unparseable'
		]);
	});

	it('flags a number lower than its predecessor', () => {
		const problems = checkSeries('F{YY}/{SEQ:3}', [
			{ number: 'F26/002', issueDate: '2026-01-02' },
			{ number: 'F26/001', issueDate: '2026-01-02' }
		]);
		expect(problems.map((p) => p.kind)).toEqual(['out-of-order']);
	});
});

describe('seriesFor', () => {
	it('gives credit notes their own series only when asked', () => {
		expect(seriesFor('creditNote', { invoicePattern: '{YYYY}-{SEQ:4}' })).toEqual({
			id: 'invoice',
			pattern: '{YYYY}-{SEQ:4}'
		});
		expect(
			seriesFor('creditNote', {
				invoicePattern: '{YYYY}-{SEQ:4}',
				creditNotePattern: 'CN{YYYY}-{SEQ:3}'
			})
		).toEqual({
			id: 'creditNote',
			pattern: 'CN{YYYY}-{SEQ:3}'
		});
		expect(
			seriesFor('invoice', { invoicePattern: 'F{YY}/{SEQ:3}', creditNotePattern: 'C{YY}/{SEQ:3}' })
				.id
		).toBe('invoice');
	});
});
