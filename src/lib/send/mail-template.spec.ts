import { describe, expect, it } from 'vitest';
import { buildInvoiceDocument } from '../../../tests/factories';
import {
	chooseMailTemplate,
	DEFAULT_MAIL_TEMPLATES,
	fillMailTemplate,
	mailtoLink
} from './mail-template';

describe('chooseMailTemplate', () => {
	const builtIn = DEFAULT_MAIL_TEMPLATES.invoice;
	const seller = {
		subject: { nl: 'Factuur {number}', fr: '', en: 'Invoice {number}', de: '' },
		body: { nl: 'Beste', fr: '', en: 'Dear', de: '' }
	};

	it('writes in the buyer’s language when the seller wrote that template', () => {
		expect(chooseMailTemplate(seller, builtIn, 'en', 'nl')).toEqual({
			template: seller,
			language: 'en',
			fellBackFrom: undefined
		});
	});

	it('falls back to the seller’s default language, saying from which, when it is empty', () => {
		expect(chooseMailTemplate(seller, builtIn, 'fr', 'nl')).toEqual({
			template: seller,
			language: 'nl',
			fellBackFrom: 'fr'
		});
	});

	it('uses the built-in text in the buyer’s language when both are empty', () => {
		expect(chooseMailTemplate(seller, builtIn, 'de', 'fr')).toEqual({
			template: builtIn,
			language: 'de',
			fellBackFrom: undefined
		});
	});
});

describe('mail template', () => {
	it('fills the placeholders in the invoice language', () => {
		const document = buildInvoiceDocument();
		const text = fillMailTemplate(DEFAULT_MAIL_TEMPLATES.invoice, document, 12058, 'nl');
		expect(text.subject).toBe('Factuur 2026-0001 van Peeters Webdesign');
		expect(text.body.replace(/\s/g, ' ')).toContain(
			'factuur 2026-0001 van € 120,58, te betalen tegen 16 juni 2026'
		);
	});

	it('fills the payment reference and the total the settings page offers', () => {
		const document = { ...buildInvoiceDocument(), paymentReference: '123456789002' };
		const template = {
			subject: { nl: '', fr: '{total} / {paymentReference}', en: '', de: '' },
			body: { nl: '', fr: '{dueDate} {unknown}', en: '', de: '' }
		};
		const text = fillMailTemplate(template, document, 12058, 'fr');
		expect(text.subject.replace(/\s/g, ' ')).toBe('120,58 € / +++123/4567/89002+++');
		expect(text.body).toBe('16 juin 2026 {unknown}');
	});

	it('builds a mailto link that a mail client reads back', () => {
		const link = mailtoLink('invoices@acme.example', { subject: 'A & B', body: 'one\ntwo' });
		expect(link).toBe('mailto:invoices@acme.example?subject=A%20%26%20B&body=one%0D%0Atwo');
		const url = new URL(link);
		expect(url.searchParams.get('subject')).toBe('A & B');
		expect(url.searchParams.get('body')).toBe('one\r\ntwo');
	});
});
