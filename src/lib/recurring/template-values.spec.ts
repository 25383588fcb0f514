import { describe, expect, it } from 'vitest';
import {
	blankTemplateValues,
	templateFromValues,
	valuesOfTemplate,
	type TemplateValues
} from './template-values';

const meta = {
	id: '0196f000-0000-7000-8000-000000000001',
	createdAt: '2027-02-20T10:00:00.000Z',
	now: '2027-02-20T10:00:00.000Z',
	notation: 'nl' as const
};

function filled(overrides: Partial<TemplateValues> = {}): TemplateValues {
	return {
		...blankTemplateValues('2027-02-20'),
		name: 'Hosting Acme',
		contactId: '0196f000-0000-7000-8000-0000000000c1',
		lines: [
			{
				key: 'l1',
				type: 'item',
				description: 'Hosting {period}',
				quantity: '1',
				unitCode: 'C62',
				unitPrice: '20,50',
				vatCodeId: 'S21',
				discountPercent: ''
			}
		],
		...overrides
	};
}

describe('template values', () => {
	it('makes a template that reads back as the same values', () => {
		const result = templateFromValues(
			filled({ endKind: 'count', endCount: '12', terms: 'days', termDays: '14' }),
			meta
		);
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		expect(result.template.schedule).toEqual({
			frequency: 'monthly',
			dayOfMonth: 20,
			startDate: '2027-02-20',
			end: { kind: 'count', count: 12 }
		});
		expect(result.template.paymentTerms).toEqual({ kind: 'days', days: 14 });
		expect(result.template.notation).toBe('nl');
		expect(valuesOfTemplate(result.template)).toEqual(
			filled({
				endKind: 'count',
				endCount: '12',
				terms: 'days',
				termDays: '14',
				language: undefined
			})
		);
	});

	it('names each bad field with the rule it breaks, and keeps nothing half-made', () => {
		const result = templateFromValues(
			filled({
				name: ' ',
				contactId: '',
				dayOfMonth: '32',
				startDate: '2027-02-30',
				endKind: 'count',
				endCount: '0',
				terms: 'endOfMonth',
				termDays: 'ten',
				lines: [
					{
						key: 'l1',
						type: 'item',
						description: 'Hosting',
						quantity: 'one',
						unitCode: 'C62',
						unitPrice: '20',
						vatCodeId: 'S21',
						discountPercent: ''
					}
				]
			}),
			meta
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems).toEqual([
			{ field: 'name', rule: 'required' },
			{ field: 'contactId', rule: 'contact' },
			{ field: 'dayOfMonth', rule: 'dayOfMonth', value: '32' },
			{ field: 'startDate', rule: 'date', value: '2027-02-30' },
			{ field: 'endCount', rule: 'count', value: '0' },
			{ field: 'termDays', rule: 'days', value: 'ten' },
			{ field: 'lines', rule: 'lineNumber', value: '1' }
		]);
	});

	it('refuses an end date before the start and a template without lines', () => {
		const result = templateFromValues(
			filled({ endKind: 'until', endDate: '2027-01-31', lines: [] }),
			meta
		);
		expect(result.ok ? [] : result.problems).toEqual([
			{ field: 'endDate', rule: 'notBeforeStart', value: '2027-01-31' },
			{ field: 'lines', rule: 'lines' }
		]);
	});

	it('an edit keeps what was already made and whether it is paused', () => {
		const first = templateFromValues(filled(), meta);
		if (!first.ok) throw new Error('not ok');
		const previous = { ...first.template, lastMade: '2027-03-20', paused: true };
		const edited = templateFromValues(filled({ dayOfMonth: '31' }), { ...meta, previous });
		if (!edited.ok) throw new Error('not ok');
		expect(edited.template.lastMade).toBe('2027-03-20');
		expect(edited.template.paused).toBe(true);
		expect(edited.template.schedule.dayOfMonth).toBe(31);
	});
});
