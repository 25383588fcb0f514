import { z } from 'zod';
import { formLineSchema, parseFormLines } from '$lib/document';
import { isIsoDate } from '$lib/invoice';
import { LANGUAGES, type Language } from '$lib/language';
import type { PaymentTerms } from '$lib/payment';
import { FREQUENCIES, type Schedule } from './schedule';
import {
	RECURRING_MODES,
	RECURRING_SCHEMA_VERSION,
	recurringTemplateSchema,
	type RecurringTemplate
} from './template';

/** The template form as typed: numbers and dates stay text until saved (kept as a draft). */
export const templateValuesSchema = z.object({
	name: z.string(),
	contactId: z.string(),
	frequency: z.enum(FREQUENCIES),
	dayOfMonth: z.string(),
	startDate: z.string(),
	endKind: z.enum(['never', 'until', 'count']),
	endDate: z.string(),
	endCount: z.string(),
	mode: z.enum(RECURRING_MODES),
	notes: z.string(),
	buyerReference: z.string(),
	orderReference: z.string(),
	cashDiscount: z.boolean(),
	terms: z.enum(['seller', 'days', 'endOfMonth', 'onReceipt']),
	termDays: z.string(),
	lines: z.array(formLineSchema),
	language: z.enum(LANGUAGES).optional()
});
export type TemplateValues = z.infer<typeof templateValuesSchema>;

export type TemplateField = keyof TemplateValues;

/** Each rule a field can break; the UI words it in the user's language. */
export type TemplateRule =
	| 'required'
	| 'contact'
	| 'dayOfMonth'
	| 'date'
	| 'notBeforeStart'
	| 'count'
	| 'days'
	| 'lines'
	| 'lineNumber';

export interface TemplateProblem {
	field: TemplateField;
	rule: TemplateRule;
	/** The offending line (1-based) or text, where the rule names one. */
	value?: string;
}

export function blankTemplateValues(today: string): TemplateValues {
	return {
		name: '',
		contactId: '',
		frequency: 'monthly',
		dayOfMonth: String(Number(today.slice(8, 10))),
		startDate: today,
		endKind: 'never',
		endDate: '',
		endCount: '',
		mode: 'drafts',
		notes: '',
		buyerReference: '',
		orderReference: '',
		cashDiscount: false,
		terms: 'seller',
		termDays: '30',
		lines: []
	};
}

export function valuesOfTemplate(template: RecurringTemplate): TemplateValues {
	const end = template.schedule.end;
	const terms = template.paymentTerms;
	return {
		name: template.name,
		contactId: template.contactId,
		frequency: template.schedule.frequency,
		dayOfMonth: String(template.schedule.dayOfMonth),
		startDate: template.schedule.startDate,
		endKind: end.kind,
		endDate: end.kind === 'until' ? end.date : '',
		endCount: end.kind === 'count' ? String(end.count) : '',
		mode: template.mode,
		notes: template.notes,
		buyerReference: template.buyerReference,
		orderReference: template.orderReference,
		cashDiscount: template.cashDiscount,
		terms: terms?.kind ?? 'seller',
		termDays: terms && terms.kind !== 'onReceipt' ? String(terms.days) : '30',
		lines: template.lines.map((line) => ({ ...line })),
		language: template.language
	};
}

function wholeNumber(text: string, min: number, max: number): number | undefined {
	if (!/^\s*\d+\s*$/.test(text)) return undefined;
	const value = Number(text);
	return value >= min && value <= max ? value : undefined;
}

export interface TemplateMeta {
	id: string;
	createdAt: string;
	now: string;
	notation: Language;
	/** What the stored template already had: its progress, pause and origin stay. */
	previous?: RecurringTemplate | undefined;
	sourceInvoiceId?: string | undefined;
}

/** The template the values describe, or every problem, each naming its field and rule. */
export function templateFromValues(
	values: TemplateValues,
	meta: TemplateMeta
): { ok: true; template: RecurringTemplate } | { ok: false; problems: TemplateProblem[] } {
	const problems: TemplateProblem[] = [];
	if (values.name.trim() === '') problems.push({ field: 'name', rule: 'required' });
	if (values.contactId === '') problems.push({ field: 'contactId', rule: 'contact' });
	const dayOfMonth = wholeNumber(values.dayOfMonth, 1, 31);
	if (dayOfMonth === undefined)
		problems.push({ field: 'dayOfMonth', rule: 'dayOfMonth', value: values.dayOfMonth });
	if (!isIsoDate(values.startDate) || values.startDate < '2000-01-01')
		problems.push({ field: 'startDate', rule: 'date', value: values.startDate });
	let end: Schedule['end'] = { kind: 'never' };
	if (values.endKind === 'until') {
		if (!isIsoDate(values.endDate))
			problems.push({ field: 'endDate', rule: 'date', value: values.endDate });
		else if (values.endDate < values.startDate)
			problems.push({ field: 'endDate', rule: 'notBeforeStart', value: values.endDate });
		end = { kind: 'until', date: values.endDate };
	} else if (values.endKind === 'count') {
		const count = wholeNumber(values.endCount, 1, 1000);
		if (count === undefined)
			problems.push({ field: 'endCount', rule: 'count', value: values.endCount });
		end = { kind: 'count', count: count ?? 1 };
	}
	let paymentTerms: PaymentTerms | undefined;
	if (values.terms === 'onReceipt') paymentTerms = { kind: 'onReceipt' };
	else if (values.terms !== 'seller') {
		const days = wholeNumber(values.termDays, 0, 365);
		if (days === undefined)
			problems.push({ field: 'termDays', rule: 'days', value: values.termDays });
		paymentTerms = { kind: values.terms, days: days ?? 0 };
	}
	if (values.lines.length === 0) problems.push({ field: 'lines', rule: 'lines' });
	const { problems: lineProblems } = parseFormLines(values.lines, meta.notation);
	for (const problem of lineProblems) {
		const index = Number(problem.path.split('.')[1] ?? '0');
		problems.push({ field: 'lines', rule: 'lineNumber', value: String(index + 1) });
	}
	if (problems.length > 0) return { ok: false, problems };
	const template = recurringTemplateSchema.parse({
		id: meta.id,
		schemaVersion: RECURRING_SCHEMA_VERSION,
		createdAt: meta.createdAt,
		updatedAt: meta.now,
		name: values.name.trim(),
		contactId: values.contactId,
		language: values.language,
		lines: values.lines,
		notation: meta.notation,
		notes: values.notes,
		buyerReference: values.buyerReference,
		orderReference: values.orderReference,
		cashDiscount: values.cashDiscount,
		paymentTerms,
		schedule: {
			frequency: values.frequency,
			dayOfMonth,
			startDate: values.startDate,
			end
		},
		mode: values.mode,
		paused: meta.previous?.paused ?? false,
		lastMade: meta.previous?.lastMade,
		sourceInvoiceId: meta.previous?.sourceInvoiceId ?? meta.sourceInvoiceId
	});
	return { ok: true, template };
}
