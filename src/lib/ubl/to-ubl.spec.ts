import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { computeTotals } from '$lib/invoice';
import { centsToDecimalString } from '$lib/money';
import { DEFAULT_VAT_CODE_IDS as ID, SMALL_BUSINESS_MENTION, defaultVatCodes } from '$lib/vat';
import {
	buildBusinessBuyer,
	buildInvoiceDocument,
	buildItemLine,
	buildPrivateBuyer,
	buildSeller
} from '../../../tests/factories';
import { BIS_CUSTOMIZATION_ID, BIS_PROFILE_ID, NAMESPACES } from './codes';
import { toUbl, type UblDocument } from './to-ubl';
import { UblError } from './ubl-issues';

/** The document with the VAT codes its lines use. */
function withCodes(document: UblDocument): UblDocument {
	const used = new Set(document.lines.flatMap((l) => (l.type === 'item' ? [l.vatCodeId] : [])));
	return { ...document, vatCodes: defaultVatCodes.filter((code) => used.has(code.id)) };
}

function ubl(overrides: Partial<UblDocument> = {}, options: Parameters<typeof toUbl>[1] = {}) {
	const result = toUbl(withCodes({ ...buildInvoiceDocument(), ...overrides }), options);
	return { ...result, root: create(result.xml).root().node as unknown as Element };
}

/** Elements at a slash-separated path of qualified names below `root`. */
function all(root: Element, path: string): Element[] {
	let current = [root];
	for (const step of path.split('/')) {
		// childNodes, not children: the DOM of xmlbuilder2 lists grandchildren in `children`.
		current = current.flatMap((element) =>
			Array.from(element.childNodes).filter(
				(child): child is Element => child.nodeType === 1 && child.nodeName === step
			)
		);
	}
	return current;
}

function text(root: Element, path: string): string | undefined {
	return all(root, path)[0]?.textContent ?? undefined;
}

function texts(root: Element, path: string): string[] {
	return all(root, path).map((element) => element.textContent ?? '');
}

const SELLER = 'cac:AccountingSupplierParty/cac:Party';
const BUYER = 'cac:AccountingCustomerParty/cac:Party';

describe('toUbl', () => {
	it('writes a BIS 3.0 invoice whose amounts are the domain totals', () => {
		const document = withCodes(buildInvoiceDocument());
		const { root, warnings, totals } = ubl();
		expect(warnings).toEqual([]);
		expect(totals).toEqual(computeTotals(document));
		expect(root.localName).toBe('Invoice');
		expect(root.namespaceURI).toBe(NAMESPACES.invoice);
		expect(text(root, 'cbc:CustomizationID')).toBe(BIS_CUSTOMIZATION_ID);
		expect(text(root, 'cbc:ProfileID')).toBe(BIS_PROFILE_ID);
		expect(text(root, 'cbc:InvoiceTypeCode')).toBe('380');
		expect(text(root, 'cbc:DueDate')).toBe('2026-06-16');
		expect(all(root, `${SELLER}/cbc:EndpointID`)[0]?.getAttribute('schemeID')).toBe('0208');
		expect(text(root, `${SELLER}/cbc:EndpointID`)).toBe('0123456749');
		expect(text(root, `${SELLER}/cac:PartyTaxScheme/cbc:CompanyID`)).toBe('BE0123456749');
		expect(text(root, `${SELLER}/cac:PartyLegalEntity/cbc:CompanyID`)).toBe('0123456749');
		expect(text(root, `${SELLER}/cac:Contact/cbc:ElectronicMail`)).toBe('jan@peeters.example');
		expect(text(root, `${BUYER}/cbc:EndpointID`)).toBe('0417497106');
		expect(text(root, `${BUYER}/cac:PartyTaxScheme/cbc:CompanyID`)).toBe('BE0417497106');
		expect(text(root, `${BUYER}/cac:PartyLegalEntity/cbc:RegistrationName`)).toBe('Acme BV');
		expect(text(root, 'cac:LegalMonetaryTotal/cbc:PayableAmount')).toBe('120.58');
		expect(text(root, 'cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount')).toBe('100.00');
		expect(text(root, 'cac:TaxTotal/cbc:TaxAmount')).toBe('20.58');
		expect(text(root, 'cac:InvoiceLine/cbc:LineExtensionAmount')).toBe('100.00');
	});

	it('round-trips names and texts with & < > " \' accents and emoji', () => {
		const tricky = 'Zoë & Søn <BV> "Ça va" l\'été 🚲 € ½';
		const { root, xml } = ubl({
			seller: buildSeller({ name: tricky, tradingName: `${tricky} (handel)` }),
			buyer: buildBusinessBuyer({ name: `Klant ${tricky}`, contactName: "Anaïs O'Brien" }),
			notes: `Opmerking: ${tricky}`,
			lines: [
				{ type: 'text', text: `Titel ${tricky}` },
				buildItemLine({ description: `Werk ${tricky}\nDetail <b>vet</b> & "quote"` })
			]
		});
		expect(xml).toContain('&amp;');
		expect(xml).toContain('&lt;BV&gt;');
		expect(text(root, `${SELLER}/cac:PartyLegalEntity/cbc:RegistrationName`)).toBe(tricky);
		expect(text(root, `${SELLER}/cac:PartyName/cbc:Name`)).toBe(`${tricky} (handel)`);
		expect(text(root, `${BUYER}/cac:PartyLegalEntity/cbc:RegistrationName`)).toBe(
			`Klant ${tricky}`
		);
		expect(text(root, `${BUYER}/cac:Contact/cbc:Name`)).toBe("Anaïs O'Brien");
		expect(text(root, 'cbc:Note')).toBe(`Opmerking: ${tricky}`);
		expect(text(root, 'cac:InvoiceLine/cbc:Note')).toBe(`Titel ${tricky}`);
		expect(text(root, 'cac:InvoiceLine/cac:Item/cbc:Name')).toBe(`Werk ${tricky}`);
		expect(text(root, 'cac:InvoiceLine/cac:Item/cbc:Description')).toBe(
			`Werk ${tricky}\nDetail <b>vet</b> & "quote"`
		);
	});

	it('writes a credit note (381) with its invoice reference and due date in PaymentMeans', () => {
		const { root } = ubl({
			type: 'creditNote',
			number: 'CN-2026-0001',
			billingReference: { number: '2026-0001', issueDate: '2026-05-17', scope: 'full' }
		});
		expect(root.localName).toBe('CreditNote');
		expect(root.namespaceURI).toBe(NAMESPACES.creditNote);
		expect(text(root, 'cbc:CreditNoteTypeCode')).toBe('381');
		expect(all(root, 'cbc:DueDate')).toEqual([]);
		expect(text(root, 'cac:PaymentMeans/cbc:PaymentDueDate')).toBe('2026-06-16');
		expect(text(root, 'cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID')).toBe(
			'2026-0001'
		);
		expect(text(root, 'cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueDate')).toBe(
			'2026-05-17'
		);
		expect(all(root, 'cac:InvoiceLine')).toEqual([]);
		expect(text(root, 'cac:CreditNoteLine/cbc:CreditedQuantity')).toBe('1');
	});

	it('always sets BuyerReference: the document’s, else the customer’s, else the number', () => {
		const buyer = buildBusinessBuyer({ customerReference: 'CUST-9' });
		expect(text(ubl({ buyerReference: 'PO-1', buyer }).root, 'cbc:BuyerReference')).toBe('PO-1');
		expect(text(ubl({ buyerReference: undefined, buyer }).root, 'cbc:BuyerReference')).toBe(
			'CUST-9'
		);
		const anonymous = buildBusinessBuyer({ customerReference: undefined });
		const { root } = ubl({ buyerReference: undefined, buyer: anonymous, number: '2026-0777' });
		expect(text(root, 'cbc:BuyerReference')).toBe('2026-0777');
	});

	it('carries text-only lines as the note of the next priced line, trailing text on the last', () => {
		const { root } = ubl({
			lines: [
				{ type: 'text', text: 'Fase 1' },
				{ type: 'text', text: 'Analyse' },
				buildItemLine({ description: 'A' }),
				buildItemLine({ description: 'B' }),
				{ type: 'text', text: 'Fase 2' },
				buildItemLine({ description: 'C' }),
				{ type: 'text', text: 'Met dank' }
			]
		});
		const lines = all(root, 'cac:InvoiceLine');
		expect(lines.map((line) => text(line, 'cbc:ID'))).toEqual(['1', '2', '3']);
		expect(lines.map((line) => text(line, 'cbc:Note'))).toEqual([
			'Fase 1\nAnalyse',
			undefined,
			'Fase 2\nMet dank'
		]);
	});

	it('applies the Belgian cash-discount pattern with one merged exempt subtotal', () => {
		const { root, totals } = ubl({
			cashDiscount: { percent: '2', days: 14 },
			lines: [
				buildItemLine({ unitPrice: '1000', vatCodeId: ID.standard21 }),
				buildItemLine({ unitPrice: '500', vatCodeId: ID.reduced6 }),
				buildItemLine({ unitPrice: '200', vatCodeId: ID.exemptArt44 })
			]
		});
		const charges = all(root, 'cac:AllowanceCharge');
		expect(charges.map((c) => text(c, 'cbc:ChargeIndicator'))).toEqual([
			'false',
			'false',
			'false',
			'true'
		]);
		expect(charges.map((c) => text(c, 'cac:TaxCategory/cbc:ID'))).toEqual(['S', 'S', 'E', 'E']);
		expect(charges.map((c) => text(c, 'cac:TaxCategory/cbc:Percent'))).toEqual([
			'21',
			'6',
			'0',
			'0'
		]);
		expect(charges.map((c) => text(c, 'cbc:Amount'))).toEqual(['20.00', '10.00', '4.00', '34.00']);
		expect(charges.map((c) => text(c, 'cbc:AllowanceChargeReasonCode'))).toEqual([
			'64',
			'64',
			'64',
			'ZZZ'
		]);
		const subtotals = all(root, 'cac:TaxTotal/cac:TaxSubtotal');
		const exempt = subtotals.filter((s) => text(s, 'cac:TaxCategory/cbc:ID') === 'E');
		expect(exempt).toHaveLength(1);
		expect(text(exempt[0] as Element, 'cbc:TaxableAmount')).toBe('230.00');
		expect(text(exempt[0] as Element, 'cac:TaxCategory/cbc:TaxExemptionReason')).toBe(
			'Vrijgesteld van btw – art. 44 WBTW / Korting voor contante betaling (art. 28, 1° WBTW)'
		);
		expect(text(root, 'cac:LegalMonetaryTotal/cbc:AllowanceTotalAmount')).toBe('34.00');
		expect(text(root, 'cac:LegalMonetaryTotal/cbc:ChargeTotalAmount')).toBe('34.00');
		expect(text(root, 'cac:LegalMonetaryTotal/cbc:PayableAmount')).toBe(
			centsToDecimalString(totals.payableCents)
		);
		// Intl puts no-break spaces in amounts.
		const terms = (text(root, 'cac:PaymentTerms/cbc:Note') ?? '').replace(/\s/g, ' ');
		expect(terms).toContain('binnen 14 dagen (uiterlijk 31/05/2026)');
		expect(terms).toContain('2% korting voor contante betaling (€ 34,00)');
		expect(terms).toContain('€ 1.901,20. Anders is € 1.935,20 verschuldigd');
	});

	it('gives a small-business-exempt seller BT-32 instead of a VAT number, category E and the mention', () => {
		const seller = buildSeller({ vatNumber: undefined, smallBusinessExemption: true });
		const { root } = ubl({
			seller,
			cashDiscount: undefined,
			lines: [buildItemLine({ vatCodeId: ID.smallBusiness })]
		});
		const schemes = all(root, `${SELLER}/cac:PartyTaxScheme`);
		expect(schemes).toHaveLength(1);
		expect(text(schemes[0] as Element, 'cbc:CompanyID')).toBe('0123456749');
		expect(text(schemes[0] as Element, 'cac:TaxScheme/cbc:ID')).toBe('TAX');
		expect(text(root, 'cac:TaxTotal/cbc:TaxAmount')).toBe('0.00');
		expect(texts(root, 'cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID')).toEqual(['E']);
		expect(text(root, 'cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReason')).toBe(
			SMALL_BUSINESS_MENTION.nl
		);
		expect(text(root, 'cbc:Note')).toBe(SMALL_BUSINESS_MENTION.nl);
		expect(text(root, 'cac:LegalMonetaryTotal/cbc:PayableAmount')).toBe('100.00');
	});

	it('leaves every VAT identifier and rate out of an outside-scope invoice (BR-O-02, BR-O-05)', () => {
		const { root } = ubl({
			cashDiscount: { percent: '2', days: 10 },
			buyer: buildBusinessBuyer({
				vatNumber: 'NL004495445B01',
				peppolId: undefined,
				enterpriseNumber: undefined,
				address: { street: 'Dam 1', postalCode: '1012 JS', city: 'Amsterdam', countryCode: 'NL' }
			}),
			lines: [buildItemLine({ vatCodeId: ID.outsideScope })]
		});
		expect(all(root, `${SELLER}/cac:PartyTaxScheme`)).toEqual([]);
		expect(all(root, `${BUYER}/cac:PartyTaxScheme`)).toEqual([]);
		expect(texts(root, 'cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID')).toEqual(['O']);
		expect(all(root, 'cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Percent')).toEqual([]);
		expect(all(root, 'cac:AllowanceCharge/cac:TaxCategory/cbc:Percent')).toEqual([]);
		expect(all(root, 'cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent')).toEqual([]);
		expect(text(root, `${BUYER}/cbc:EndpointID`)).toBe('NL004495445B01');
		expect(all(root, `${BUYER}/cbc:EndpointID`)[0]?.getAttribute('schemeID')).toBe('9944');
	});

	it('states delivery date and deliver-to country for an intra-community supply (BR-IC-11/12)', () => {
		const buyer = buildBusinessBuyer({
			vatNumber: 'FR40303265045',
			enterpriseNumber: undefined,
			peppolId: undefined,
			address: { street: '12 rue des Arts', postalCode: '59000', city: 'Lille', countryCode: 'FR' }
		});
		const lines = [buildItemLine({ vatCodeId: ID.euGoods })];
		const noDate = ubl({ buyer, lines, deliveryDate: undefined }).root;
		expect(text(noDate, 'cac:Delivery/cbc:ActualDeliveryDate')).toBe('2026-05-17');
		expect(
			text(
				noDate,
				'cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode'
			)
		).toBe('FR');
		expect(text(noDate, `${BUYER}/cbc:EndpointID`)).toBe('FR40303265045');
		const dated = ubl({ buyer, lines, deliveryDate: '2026-05-12' }).root;
		expect(text(dated, 'cac:Delivery/cbc:ActualDeliveryDate')).toBe('2026-05-12');
		expect(all(ubl({ deliveryDate: undefined }).root, 'cac:Delivery')).toEqual([]);
	});

	it('pays by SEPA credit transfer (58) with IBAN, BIC and the OGM as digits', () => {
		const { root } = ubl({ paymentReference: '123456789002' });
		expect(text(root, 'cac:PaymentMeans/cbc:PaymentMeansCode')).toBe('58');
		expect(text(root, 'cac:PaymentMeans/cbc:PaymentID')).toBe('123456789002');
		expect(text(root, 'cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID')).toBe(
			'BE68539007547034'
		);
		expect(
			text(root, 'cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID')
		).toBe('GEBABEBB');
		const foreign = ubl({
			paymentReference: undefined,
			seller: buildSeller({ iban: 'US64SVBKUS6S3300958879', bic: undefined })
		}).root;
		expect(text(foreign, 'cac:PaymentMeans/cbc:PaymentMeansCode')).toBe('30');
		expect(text(foreign, 'cac:PaymentMeans/cbc:PaymentID')).toBe('2026-0001');
		expect(
			all(foreign, 'cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch')
		).toEqual([]);
	});

	it('writes a line discount as a line allowance with base amount and percentage', () => {
		const { root } = ubl({
			cashDiscount: undefined,
			lines: [buildItemLine({ quantity: '3', unitPrice: '33.335', discountPercent: '10' })]
		});
		const line = all(root, 'cac:InvoiceLine')[0] as Element;
		expect(text(line, 'cac:AllowanceCharge/cbc:BaseAmount')).toBe('100.01');
		expect(text(line, 'cac:AllowanceCharge/cbc:Amount')).toBe('10.00');
		expect(text(line, 'cac:AllowanceCharge/cbc:MultiplierFactorNumeric')).toBe('10');
		expect(text(line, 'cac:AllowanceCharge/cbc:AllowanceChargeReasonCode')).toBe('95');
		expect(text(line, 'cbc:LineExtensionAmount')).toBe('90.01');
		expect(text(line, 'cac:Price/cbc:PriceAmount')).toBe('33.335');
	});

	it('writes quantities and prices in plain notation', () => {
		const { root } = ubl({
			cashDiscount: undefined,
			lines: [buildItemLine({ quantity: '0.00000001', unitPrice: '1000000' })]
		});
		expect(text(root, 'cac:InvoiceLine/cbc:InvoicedQuantity')).toBe('0.00000001');
		expect(text(root, 'cac:InvoiceLine/cac:Price/cbc:PriceAmount')).toBe('1000000');
	});

	it('names the seller as the endpoint of a buyer without Peppol address, with a warning', () => {
		const { root, warnings } = ubl({ buyer: buildPrivateBuyer() });
		expect(text(root, `${BUYER}/cbc:EndpointID`)).toBe('0123456749');
		expect(warnings.map((warning) => warning.code)).toEqual(['buyer-not-on-peppol']);
		expect(all(root, `${BUYER}/cac:PartyTaxScheme`)).toEqual([]);
		expect(all(root, `${BUYER}/cac:PartyLegalEntity/cbc:CompanyID`)).toEqual([]);
	});

	it('never writes an empty element (PEPPOL-EN16931-R008)', () => {
		const { xml } = ubl({
			seller: buildSeller({ phone: undefined, bic: undefined, tradingName: undefined }),
			buyer: buildPrivateBuyer({ email: undefined, phone: undefined }),
			notes: undefined,
			paymentTerms: undefined,
			cashDiscount: undefined
		});
		expect(xml).not.toMatch(/<[\w:]+\s*\/>|<([\w:]+)[^>]*>\s*<\/\1>/);
	});

	it('removes characters XML cannot carry and says where', () => {
		const { root, warnings } = ubl({ notes: 'bel\u0007 en\u0000 null' });
		expect(text(root, 'cbc:Note')).toBe('bel en null');
		expect(warnings).toEqual([
			expect.objectContaining({ code: 'invalid-xml-character', path: 'notes' })
		]);
	});

	it('refuses to build what Peppol would reject, naming every field and rule', () => {
		const build = () =>
			toUbl(
				withCodes(
					buildInvoiceDocument({
						seller: buildSeller({
							vatNumber: undefined,
							enterpriseNumber: '0123456748',
							peppolId: undefined
						}),
						buyer: buildBusinessBuyer({ vatNumber: undefined, peppolId: '0208:0417497107' }),
						lines: [
							buildItemLine({ vatCodeId: ID.standard21 }),
							buildItemLine({ vatCodeId: ID.euGoods }),
							buildItemLine({ vatCodeId: ID.outsideScope })
						]
					})
				)
			);
		expect(build).toThrow(UblError);
		try {
			build();
		} catch (error) {
			expect((error as UblError).issues.map((issue) => [issue.path, issue.rule])).toEqual([
				['seller.enterpriseNumber', 'PEPPOL-COMMON-R043'],
				['buyer.peppolId', 'PEPPOL-COMMON-R043'],
				['lines.0.vatCodeId', 'BR-O-11'],
				['seller.vatNumber', 'BR-S-02'],
				['seller.vatNumber', 'BR-IC-02'],
				['buyer.vatNumber', 'BR-IC-02']
			]);
		}
	});
});
