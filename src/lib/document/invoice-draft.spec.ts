import { describe, expect, it } from 'vitest';
import { checkInvoiceDocument } from '$lib/legal';
import { createStructuredReference } from '$lib/payment';
import { defaultVatCodes } from '$lib/vat';
import { buildBusinessBuyer, buildSeller } from '../../../tests/factories';
import {
	buildDocument,
	documentLanguageOf,
	draftRecordOf,
	emptyForm,
	formTotals,
	parseFormLines,
	paymentReferenceBase,
	withTermsDueDate,
	type InvoiceSetup
} from './invoice-draft';
import type { FormLine, InvoiceForm } from './invoice-form';

const setup: InvoiceSetup = {
	seller: buildSeller(),
	vatCodes: defaultVatCodes,
	language: 'nl',
	cashDiscount: { percent: '2', days: 14 },
	paymentTerms: { kind: 'days', days: 30 },
	numbering: { invoicePattern: 'F{YYYY}-{SEQ:4}' }
};

const item = (overrides: Partial<Extract<FormLine, { type: 'item' }>> = {}): FormLine => ({
	key: 'l1',
	type: 'item',
	description: 'Web design',
	quantity: '10',
	unitCode: 'HUR',
	unitPrice: '65',
	vatCodeId: 'S21',
	discountPercent: '',
	...overrides
});

function form(overrides: Partial<InvoiceForm> = {}): InvoiceForm {
	return {
		...emptyForm('2026-05-17', setup),
		contactId: 'c1',
		lines: [{ key: 't1', type: 'text', text: 'Work done in May' }, item()],
		...overrides
	};
}

describe('document language', () => {
	const english = { ...buildBusinessBuyer(), language: 'en' as const };

	it('follows the contact, unless the invoice chose one; the seller’s default without either', () => {
		expect(documentLanguageOf({}, english, setup)).toBe('en');
		expect(documentLanguageOf({ language: 'fr' }, english, setup)).toBe('fr');
		expect(documentLanguageOf({}, { language: undefined }, setup)).toBe('nl');
		expect(documentLanguageOf({}, undefined, setup)).toBe('nl');
	});

	it('writes the document and the draft record in it, and keeps a chosen one', () => {
		const built = buildDocument({
			form: form(),
			setup,
			buyer: english,
			number: 'F1',
			locale: 'en'
		});
		expect(built.document?.language).toBe('en');
		const chosen = buildDocument({
			form: form({ language: 'de' }),
			setup,
			buyer: english,
			number: 'F1',
			locale: 'en'
		});
		expect(chosen.document?.language).toBe('de');
		const times = { createdAt: '2026-05-17T10:00:00Z', updatedAt: '2026-05-17T10:00:00Z' };
		expect(draftRecordOf('i1', form(), setup, english, 'en', times).language).toBe('en');
	});
});

describe('invoice form', () => {
	it('starts dated today, due by the payment terms, with the offered cash discount ticked', () => {
		expect(emptyForm('2026-05-17', setup)).toMatchObject({
			issueDate: '2026-05-17',
			dueDate: '2026-06-16',
			dueDateFromTerms: true,
			cashDiscount: true
		});
	});

	it('moves the due date with the issue date until the user types one', () => {
		const moved = withTermsDueDate(form({ issueDate: '2026-06-01' }), setup);
		expect(moved.dueDate).toBe('2026-07-01');
		const typed = form({ issueDate: '2026-06-01', dueDate: '2026-06-05', dueDateFromTerms: false });
		expect(withTermsDueDate(typed, setup).dueDate).toBe('2026-06-05');
	});

	it('reads numbers as the user writes them and names each one that is not a number', () => {
		const { lines, problems } = parseFormLines(
			[item({ quantity: '2,5', unitPrice: '1.234,50' }), item({ key: 'l2', quantity: '12,' })],
			'nl'
		);
		expect(lines).toEqual([expect.objectContaining({ quantity: '2.5', unitPrice: '1234.5' })]);
		expect(problems).toEqual([
			{ path: 'lines.1.quantity', key: 'number', values: { value: '12,' } }
		]);
	});

	it('totals with the Belgian cash discount: VAT on the discounted base, payable undiscounted', () => {
		const totals = formTotals(form(), setup, 'en');
		expect(totals?.taxCents).toBe(13377);
		expect(totals?.taxInclusiveCents).toBe(78377);
		expect(totals?.cashDiscount).toMatchObject({
			discountCents: 1300,
			amountIfPaidInTimeCents: 77077,
			deadline: '2026-05-31'
		});
		expect(formTotals(form({ cashDiscount: false }), setup, 'en')?.taxInclusiveCents).toBe(78650);
	});

	it('builds a document the legal checks pass, with the invoice number as buyer reference', () => {
		const { document, problems } = buildDocument({
			form: form(),
			setup,
			buyer: buildBusinessBuyer({ customerReference: undefined }),
			number: 'F2026-0001',
			paymentReference: createStructuredReference(paymentReferenceBase('2026-05-17', 1)),
			locale: 'en'
		});
		expect(problems).toEqual([]);
		expect(document).toMatchObject({
			number: 'F2026-0001',
			buyerReference: 'F2026-0001',
			dueDate: '2026-06-16',
			cashDiscount: { percent: '2', days: 14 },
			vatCodes: [expect.objectContaining({ id: 'S21' })]
		});
		expect(
			document && checkInvoiceDocument(document).filter((i) => i.severity === 'error')
		).toEqual([]);
	});

	it('lists everything missing before the legal checks can run', () => {
		const { document, problems } = buildDocument({
			form: form({ contactId: undefined, lines: [item({ description: ' ', unitPrice: 'x' })] }),
			setup: { ...setup, seller: undefined },
			buyer: undefined,
			number: 'DRAFT',
			locale: 'en'
		});
		expect(document).toBeUndefined();
		expect(problems.map((problem) => problem.path)).toEqual([
			'lines.0.unitPrice',
			'lines.0.description',
			'seller',
			'buyer',
			'lines'
		]);
	});

	it('keeps what can be read of a half-typed form as the draft record', () => {
		const record = draftRecordOf(
			'01936b2e-0000-7000-8000-000000000001',
			form({ lines: [item(), item({ key: 'l2', quantity: 'three' })] }),
			setup,
			undefined,
			'en',
			{ createdAt: '2026-05-17T09:00:00.000Z', updatedAt: '2026-05-17T09:00:00.000Z' }
		);
		expect(record.status).toBe('draft');
		expect(record.lines).toHaveLength(1);
		expect(record.number).toBeUndefined();
	});
});

describe('a quote in the editor', () => {
	const quoteForm = (overrides: Partial<InvoiceForm> = {}): InvoiceForm => ({
		...emptyForm('2026-05-17', setup, 'quote'),
		contactId: 'c1',
		lines: [item()],
		...overrides
	});
	const build = (form: InvoiceForm) =>
		buildDocument({
			form,
			setup,
			buyer: buildBusinessBuyer(),
			number: 'Q-2026-0001',
			locale: 'nl'
		});

	it('is valid 30 days from its date, following the date until one is typed', () => {
		expect(quoteForm().dueDate).toBe('2026-06-16');
		const moved = withTermsDueDate(quoteForm({ issueDate: '2026-06-01' }), setup);
		expect(moved.dueDate).toBe('2026-07-01');
		const typed = quoteForm({ dueDateFromTerms: false, dueDate: '2026-05-31' });
		expect(withTermsDueDate(typed, setup).dueDate).toBe('2026-05-31');
	});

	it('becomes a quote document with its validity date and no payment reference', () => {
		const { document, problems } = build(quoteForm());
		expect(problems).toEqual([]);
		expect(document).toMatchObject({ type: 'quote', dueDate: '2026-06-16' });
		expect(document?.paymentReference).toBeUndefined();
	});

	it('refuses a validity date before the quote date, and a missing one, by field', () => {
		const early = build(quoteForm({ dueDate: '2026-05-16', dueDateFromTerms: false }));
		expect(early.document).toBeUndefined();
		expect(early.problems).toEqual([{ path: 'dueDate', key: 'validUntilBeforeIssue' }]);
		const none = build(quoteForm({ dueDate: '', dueDateFromTerms: false }));
		expect(none.problems).toEqual([{ path: 'dueDate', key: 'validUntil' }]);
	});

	it('hands its buyer, lines and notes to the invoice made from it, with the quote number', () => {
		const invoice = build({
			...quoteForm({ notes: 'Thanks' }),
			type: 'invoice',
			quoteReference: 'Q-2026-0001',
			quoteId: 'q1'
		});
		expect(invoice.document).toMatchObject({ type: 'invoice', quoteReference: 'Q-2026-0001' });
	});
});
