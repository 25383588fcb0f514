import { describe, expect, it } from 'vitest';
import { buildInvoiceDocument } from '../../../tests/factories';
import { DEFAULT_MAIL_TEMPLATES, fillMailTemplate, mailtoLink } from './mail-template';

describe('mail template', () => {
	it('fills the placeholders in the invoice language', () => {
		const document = buildInvoiceDocument();
		const text = fillMailTemplate(DEFAULT_MAIL_TEMPLATES.invoice, document, 12058, 'nl');
		expect(text.subject).toBe('Factuur 2026-0001 van Peeters Webdesign');
		expect(text.body.replace(/\s/g, ' ')).toContain(
			'factuur 2026-0001 van € 120,58, te betalen tegen 2026-06-16'
		);
	});

	it('builds a mailto link that a mail client reads back', () => {
		const link = mailtoLink('invoices@acme.example', { subject: 'A & B', body: 'one\ntwo' });
		expect(link).toBe('mailto:invoices@acme.example?subject=A%20%26%20B&body=one%0D%0Atwo');
		const url = new URL(link);
		expect(url.searchParams.get('subject')).toBe('A & B');
		expect(url.searchParams.get('body')).toBe('one\r\ntwo');
	});
});
