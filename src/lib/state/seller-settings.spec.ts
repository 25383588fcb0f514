import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { type BillfoldDb } from '$lib/storage';
import { fixedStoreEffects, testDatabases } from '../../../tests/factories/test-databases';
import { emptyMailFields, previewMail, SellerEmailForm } from './seller-email.svelte.js';
import {
	nextNumberPreview,
	parseInvoicing,
	SellerInvoicingForm,
	type SellerInvoicingValues
} from './seller-invoicing.svelte.js';
import { applyLayout, isEmptyRichText } from './seller-layout.svelte.js';
import { sampleInvoiceFor } from './seller-preview.svelte.js';
import { blankSellerProfile, SellerStore } from './seller.svelte.js';

const databases = testDatabases('seller-settings');
const effects = fixedStoreEffects();
let db: BillfoldDb;

function setup(): SellerStore {
	db = databases.open().db;
	return new SellerStore(() => db, effects);
}

const texts = {
	sellerName: 'Your name',
	customerName: 'Sample Customer BV',
	customerStreet: 'Meir 10',
	customerCity: 'Antwerp',
	heading: 'Sample project',
	service: 'Consultancy',
	product: 'Product'
};

const defaults: SellerInvoicingValues = {
	cashDiscountEnabled: true,
	cashDiscountPercent: '2,5',
	cashDiscountDays: '14',
	paymentTermsKind: 'endOfMonth',
	paymentTermsDays: '30',
	invoicePattern: 'F{YYYY}/{SEQ:3}',
	creditNoteSeparate: false,
	creditNotePattern: 'CN{YYYY}-{SEQ:4}',
	invoiceLanguage: 'fr',
	appendTermsToPdf: false
};

describe('invoicing defaults', () => {
	it('parses typed values into the profile shapes', () => {
		expect(parseInvoicing(defaults, 'nl', false)).toEqual({
			ok: true,
			value: {
				cashDiscount: { percent: '2.5', days: 14 },
				paymentTerms: { kind: 'endOfMonth', days: 30 },
				numbering: { invoicePattern: 'F{YYYY}/{SEQ:3}' },
				invoiceLanguage: 'fr',
				appendTermsToPdf: false
			}
		});
	});

	it('reports every broken rule at its field', () => {
		const result = parseInvoicing(
			{
				...defaults,
				cashDiscountPercent: '0',
				cashDiscountDays: 'two weeks',
				paymentTermsDays: '400',
				invoicePattern: '{YYYY}',
				creditNoteSeparate: true,
				creditNotePattern: 'CN{SEQ:4}{X}',
				appendTermsToPdf: true
			},
			'en',
			false
		);
		expect(result).toEqual({
			ok: false,
			errors: {
				cashDiscountPercent: 'percentZero',
				cashDiscountDays: 'days',
				paymentTermsDays: 'days',
				invoicePattern: 'pattern',
				creditNotePattern: 'pattern',
				appendTermsToPdf: 'termsMissing'
			}
		});
	});

	it('previews the next number from the series counter', () => {
		const fresh = { lastNumber: 0, lastIssueDate: null };
		expect(nextNumberPreview('{YYYY}-{SEQ:4}', fresh, '2026-11-25')).toBe('2026-0001');
		const used = { lastNumber: 41, lastIssueDate: '2026-11-20' };
		expect(nextNumberPreview('{YYYY}-{SEQ:4}', used, '2026-11-25')).toBe('2026-0042');
		expect(nextNumberPreview('{YYYY}-{SEQ:4}', used, '2027-01-02')).toBe('2027-0001');
		expect(nextNumberPreview('F{SEQ:3}', used, '2027-01-02')).toBe('F042');
		expect(nextNumberPreview('{YYYY}', used, '2026-11-25')).toBeUndefined();
	});

	it('refuses a terms file that is not a PDF and stores one that is', async () => {
		const store = setup();
		const form = new SellerInvoicingForm(db, store, effects);
		await form.load();
		const refused = await form.uploadTerms(
			new File(['just text'], 'terms.txt', { type: 'text/plain' })
		);
		expect(refused).toEqual({ ok: false, problem: { kind: 'not-a-pdf', fileName: 'terms.txt' } });
		expect((await store.current()).termsOfSaleAttachmentId).toBeUndefined();

		const pdf = await PDFDocument.create();
		pdf.addPage();
		const bytes = await pdf.save();
		const stored = await form.uploadTerms(
			new File([bytes as BlobPart], 'terms.pdf', { type: 'application/pdf' })
		);
		expect(stored).toEqual({ ok: true, fileName: 'terms.pdf', pageCount: 1 });
		const profile = await store.current();
		expect(profile.termsOfSaleAttachmentId).toBeDefined();
		expect((await store.termsFile(profile))?.fileName).toBe('terms.pdf');
		// What "View" opens is the stored PDF itself.
		const viewed = await form.termsBlob();
		expect(new Uint8Array((await viewed?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(bytes);

		form.draft.value.appendTermsToPdf = true;
		expect(await form.save('en')).toEqual({ ok: true });
		expect(await store.termsToAppend()).toHaveLength(bytes.length);
		await form.removeTerms();
		expect(await store.termsToAppend()).toBeUndefined();
		expect(await form.termsBlob()).toBeUndefined();
	});
});

describe('layout and e-mail templates', () => {
	it('stores an empty editor as no header', () => {
		const profile = blankSellerProfile(effects.now());
		const empty = { type: 'doc' as const, content: [{ type: 'paragraph' }] };
		expect(isEmptyRichText(empty)).toBe(true);
		const header = {
			type: 'doc' as const,
			content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] }]
		};
		expect(applyLayout(profile, { header: empty, footer: header })).toMatchObject({
			header: undefined,
			footer: header
		});
	});

	it('needs a subject and body in every language and previews with the sender filling', async () => {
		const store = setup();
		const form = new SellerEmailForm(db, store);
		await form.draft.load();
		expect(emptyMailFields(form.draft.value)).toEqual([]);
		form.draft.value.creditNote.body.de = ' ';
		expect(await form.save()).toEqual({ ok: false, empty: ['creditNote.body.de'] });
		form.draft.value.creditNote.body.de = 'Anbei die Gutschrift {number}.';
		form.draft.value.invoice.subject.en = 'Invoice {number} for {customer}';
		expect(await form.save()).toEqual({ ok: true });
		const saved = await store.current();
		expect(saved.emailTemplates?.invoice.subject.en).toBe('Invoice {number} for {customer}');

		const sample = sampleInvoiceFor(saved, '2026-11-25', texts);
		const mail = previewMail(form.draft.value, 'invoice', sample, 'en');
		expect(mail.subject).toBe('Invoice 2026-0001 for Sample Customer BV');
	});
});

describe('sample invoice', () => {
	it('uses the profile and settings, with sample values only where the profile is empty', () => {
		const profile = {
			...blankSellerProfile(effects.now()),
			name: 'Jan Peeters',
			enterpriseNumber: '0123456749',
			cashDiscount: { percent: '2', days: 14 },
			paymentTerms: { kind: 'days' as const, days: 14 },
			invoiceLanguage: 'fr' as const
		};
		const document = sampleInvoiceFor(profile, '2026-11-25', texts);
		expect(document).toMatchObject({
			number: '2026-0001',
			issueDate: '2026-11-25',
			dueDate: '2026-12-09',
			language: 'fr',
			cashDiscount: { percent: '2', days: 14 },
			seller: { name: 'Jan Peeters', enterpriseNumber: '0123456749', vatNumber: 'BE0123456749' }
		});
		expect(document.lines.filter((line) => line.type === 'item')).toHaveLength(2);
		const exempt = sampleInvoiceFor(
			{ ...profile, smallBusinessExemption: true },
			'2026-11-25',
			texts
		);
		expect(exempt.vatCodes.map((code) => code.id)).toEqual(['E-SMALL-BUSINESS']);
		expect(exempt.seller.vatNumber).toBeUndefined();
	});
});
