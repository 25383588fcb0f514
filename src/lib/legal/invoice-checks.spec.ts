import { describe, expect, it } from 'vitest';
import { DEFAULT_VAT_CODE_IDS as ID, defaultVatCodes } from '$lib/vat';
import {
	buildBusinessBuyer,
	buildInvoiceDocument,
	buildItemLine,
	buildPrivateBuyer,
	buildSeller
} from '../../../tests/factories';
import { checkInvoiceDocument } from './invoice-checks';
import { checkSellerProfile } from './seller-checks';
import { MESSAGES } from './messages';

const rules = (issues: { rule: string; path: string }[]) =>
	issues.map((i) => `${i.rule} ${i.path}`);

describe('checkSellerProfile', () => {
	it('accepts a complete profile', () => {
		expect(checkSellerProfile(buildSeller())).toEqual([]);
	});

	it('reports every missing or wrong field of an unfinished profile in one pass', () => {
		const issues = checkSellerProfile({
			name: ' ',
			address: { street: 'Kerkstraat 1', countryCode: 'BE' },
			enterpriseNumber: '0123456748',
			vatNumber: 'BE0417497106',
			iban: 'BE68539007547035',
			bic: 'XX',
			email: 'jan@'
		});
		expect(rules(issues)).toEqual([
			'BR-06 name',
			'BE-SELLER-LEGAL-FORM legalForm',
			'BR-08 address.postalCode',
			'BR-08 address.city',
			'PEPPOL-COMMON-R043 enterpriseNumber',
			'BE-IBAN-INVALID iban',
			'BE-BIC-INVALID bic',
			'BE-EMAIL-INVALID email'
		]);
		expect(rules(checkSellerProfile({}))).toEqual([
			'BR-06 name',
			'BE-SELLER-LEGAL-FORM legalForm',
			'BR-08 address.street',
			'BR-08 address.postalCode',
			'BR-08 address.city',
			'BR-08 address.countryCode',
			'BE-ENTERPRISE-NUMBER-MISSING enterpriseNumber',
			'BE-SELLER-VAT-MISSING vatNumber',
			'BE-IBAN-MISSING iban',
			'BE-BIC-MISSING bic',
			'BE-EMAIL-INVALID email'
		]);
	});

	it('wants a VAT number equal to BE + enterprise number, unless the seller is small-business exempt', () => {
		expect(rules(checkSellerProfile(buildSeller({ vatNumber: 'BE0417497106' })))).toEqual([
			'BE-SELLER-VAT-MISMATCH vatNumber'
		]);
		expect(
			checkSellerProfile(buildSeller({ vatNumber: undefined, smallBusinessExemption: true }))
		).toEqual([]);
		expect(rules(checkSellerProfile(buildSeller({ vatNumber: undefined })))).toEqual([
			'BE-SELLER-VAT-MISSING vatNumber'
		]);
	});

	it('writes each message in the requested language and carries all four', () => {
		const [issue] = checkSellerProfile(buildSeller({ iban: undefined }), { language: 'fr' });
		expect(issue).toMatchObject({
			rule: 'BE-IBAN-MISSING',
			path: 'iban',
			severity: 'error',
			message: 'Un numéro de compte (IBAN) est obligatoire sur la facture.'
		});
		expect(issue?.messages.nl).toBe('Een rekeningnummer (IBAN) is verplicht op de factuur.');
	});
});

describe('checkInvoiceDocument', () => {
	it('accepts the complete worked-example invoice', () => {
		expect(checkInvoiceDocument(buildInvoiceDocument())).toEqual([]);
	});

	it('reports every problem of a broken invoice at once', () => {
		const document = buildInvoiceDocument({
			type: 'creditNote',
			language: 'fr',
			seller: buildSeller({ legalForm: undefined, bic: undefined }),
			buyer: buildBusinessBuyer({
				vatNumber: undefined,
				enterpriseNumber: '0417497107',
				peppolId: undefined
			}),
			buyerReference: undefined,
			dueDate: undefined,
			paymentReference: '123456789003',
			deliveryDate: '2026-03-10',
			lines: [
				{ type: 'text', text: 'Works' },
				buildItemLine({ vatCodeId: ID.coContractor }),
				buildItemLine({ vatCodeId: ID.euGoods }),
				buildItemLine({ vatCodeId: ID.smallBusiness }),
				buildItemLine({ vatCodeId: 'S21-OLD' })
			],
			vatCodes: [...defaultVatCodes]
		});
		expect(rules(checkInvoiceDocument(document))).toEqual([
			'BE-SELLER-LEGAL-FORM seller.legalForm',
			'BE-BIC-MISSING seller.bic',
			'PEPPOL-COMMON-R043 buyer.enterpriseNumber',
			'PEPPOL-EN16931-R010 buyer.peppolId',
			'BE-SMALL-BUSINESS-NOT-ELIGIBLE lines.3.vatCodeId',
			'BE-UNKNOWN-VAT-CODE lines.4.vatCodeId',
			'BR-AE-02 buyer.vatNumber',
			'BR-IC-02 buyer.vatNumber',
			'PEPPOL-EN16931-R003 buyerReference',
			'BE-CREDIT-NOTE-REFERENCE billingReference',
			'BE-OGM-INVALID paymentReference',
			'BE-INVOICE-LANGUAGE language',
			'BE-ISSUE-DEADLINE issueDate'
		]);
	});

	it('holds the small-business seller to its own code', () => {
		const document = buildInvoiceDocument({
			seller: buildSeller({ vatNumber: undefined, smallBusinessExemption: true }),
			lines: [
				buildItemLine({ vatCodeId: ID.smallBusiness }),
				buildItemLine({ vatCodeId: ID.standard21 })
			]
		});
		expect(rules(checkInvoiceDocument(document))).toEqual([
			'BE-SMALL-BUSINESS-CODE lines.1.vatCodeId'
		]);
	});

	it('wants an intra-Community supply to a buyer of another member state, with a delivery date', () => {
		const lines = [buildItemLine({ vatCodeId: ID.euGoods })];
		expect(rules(checkInvoiceDocument(buildInvoiceDocument({ lines })))).toEqual([
			'BE-IC-BUYER-NOT-EU buyer.vatNumber',
			'BR-IC-11 deliveryDate'
		]);
		const dutchBuyer = buildBusinessBuyer({
			vatNumber: 'NL004495445B01',
			enterpriseNumber: undefined,
			peppolId: undefined,
			address: { street: 'Dam 1', postalCode: '1012 JS', city: 'Amsterdam', countryCode: 'NL' }
		});
		expect(
			checkInvoiceDocument(
				buildInvoiceDocument({ lines, buyer: dutchBuyer, deliveryDate: '2026-05-10' })
			)
		).toEqual([]);
	});

	it('keeps outside-scope lines alone and without a buyer VAT number', () => {
		const document = buildInvoiceDocument({
			lines: [
				buildItemLine({ vatCodeId: ID.outsideScope }),
				buildItemLine({ vatCodeId: ID.standard21 })
			]
		});
		expect(rules(checkInvoiceDocument(document))).toEqual([
			'BR-O-02 buyer.vatNumber',
			'BR-O-11 lines'
		]);
	});

	it('needs a priced line, and a due date when money is due', () => {
		const textOnly = buildInvoiceDocument({ lines: [{ type: 'text', text: 'Nothing' }] });
		expect(rules(checkInvoiceDocument(textOnly))).toEqual(['BR-16 lines']);
		const noDueDate = buildInvoiceDocument({ dueDate: undefined });
		expect(rules(checkInvoiceDocument(noDueDate))).toEqual(['BR-CO-25 dueDate']);
		expect(checkInvoiceDocument({ ...noDueDate, paymentTerms: 'Payable on receipt' })).toEqual([]);
	});

	it('does not ask a private buyer for a Peppol address', () => {
		expect(checkInvoiceDocument(buildInvoiceDocument({ buyer: buildPrivateBuyer() }))).toEqual([]);
	});

	it('has a message in every language for every rule', () => {
		for (const [rule, { text }] of Object.entries(MESSAGES)) {
			const messages = text({ value: 'X', code: 'C' });
			for (const language of ['nl', 'fr', 'en', 'de'] as const) {
				expect(messages[language], `${rule} ${language}`).toMatch(/\S/);
				expect(messages[language], `${rule} ${language}`).not.toMatch(/undefined/);
			}
		}
	});
});
