// Proves the validation harness itself can fail: a green run means nothing if broken documents
// pass too.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatFinding, type PeppolValidator } from '$lib/peppol-rules';
import { nodeValidator } from '$lib/peppol-rules/node';
import { toUbl } from '$lib/ubl';
import { DEFAULT_VAT_CODE_IDS as ID, defaultVatCodes } from '$lib/vat';
import { buildInvoiceDocument, buildItemLine, buildSeller } from '../factories';

const sample = (name: string) => readFileSync(resolve('tests/fixtures/peppol', name), 'utf8');
let validator: PeppolValidator;
const validateUbl = (xml: string) => validator.validate(xml);
const fatalIds = (xml: string) => validateUbl(xml).fatal.map((finding) => finding.id);

/** Replaces exactly one occurrence, so a test cannot pass because nothing was changed. */
function breakOnce(xml: string, search: string | RegExp, replacement: string): string {
	const broken = xml.replace(search, replacement);
	if (broken === xml) throw new Error(`nothing to replace for ${String(search)}`);
	return broken;
}

beforeAll(async () => {
	validator = await nodeValidator();
});

describe('Peppol BIS 3 validation harness', () => {
	it('accepts the valid Belgian sample invoice and credit note', () => {
		for (const name of ['be-sole-trader-invoice.xml', 'be-sole-trader-creditnote.xml']) {
			expect(validateUbl(sample(name)).fatal.map(formatFinding)).toEqual([]);
		}
	});

	it('rejects the broken samples: a business rule, a Peppol rule and the XSD', () => {
		expect(fatalIds(sample('broken-payable-total.xml'))).toContain('BR-CO-16');
		expect(fatalIds(sample('broken-no-seller-vat.xml'))).toContain('BR-S-02');
		expect(fatalIds(sample('broken-be-kbo-checkdigit.xml'))).toContain('PEPPOL-COMMON-R043');
		expect(fatalIds(sample('broken-xsd-order.xml'))).toContain('XSD');
	});

	it('reports XML that is not well-formed instead of throwing', () => {
		const result = validateUbl('<Invoice><cbc:ID>1</Invoice>');
		expect(result.wellFormed).toBe(false);
		expect(result.fatal.map((finding) => finding.id)).toEqual(['XML-WELLFORMED']);
	});

	it('fails our own UBL once it is broken, rule by rule', () => {
		const { xml } = toUbl(buildInvoiceDocument());
		expect(validateUbl(xml).fatal.map(formatFinding)).toEqual([]);
		const payable = /<cbc:PayableAmount currencyID="EUR">120\.58</;
		expect(
			fatalIds(breakOnce(xml, payable, '<cbc:PayableAmount currencyID="EUR">118.58<'))
		).toContain('BR-CO-16');
		expect(
			fatalIds(breakOnce(xml, /\s*<cbc:BuyerReference>[^<]*<\/cbc:BuyerReference>/, ''))
		).toContain('PEPPOL-EN16931-R003');
		expect(
			fatalIds(breakOnce(xml, '>0417497106</cbc:EndpointID>', '>0417497107</cbc:EndpointID>'))
		).toContain('PEPPOL-COMMON-R043');
		const withoutExemptSubtotal = breakOnce(
			xml,
			/<cac:TaxSubtotal>(?:(?!<\/cac:TaxSubtotal>)[\s\S])*<cbc:ID>E<\/cbc:ID>[\s\S]*?<\/cac:TaxSubtotal>/,
			''
		);
		expect(fatalIds(withoutExemptSubtotal)).toContain('BR-E-01');
		const reordered = breakOnce(
			xml,
			/(<cbc:DocumentCurrencyCode>EUR<\/cbc:DocumentCurrencyCode>)(\s*)(<cbc:BuyerReference>[^<]*<\/cbc:BuyerReference>)/,
			'$3$2$1'
		);
		expect(fatalIds(reordered)).toContain('XSD');
	});

	it('sums amounts in exact decimals: a correct 30.30 passes, 30.31 fails', () => {
		// 10.10 + 20.20 is 30.299999999999997 in IEEE doubles, which made BR-E-08 reject 30.30.
		const { xml } = toUbl(
			buildInvoiceDocument({
				seller: buildSeller({ vatNumber: undefined, smallBusinessExemption: true }),
				cashDiscount: undefined,
				lines: ['10.1', '20.2'].map((price) =>
					buildItemLine({ unitPrice: price, vatCodeId: ID.smallBusiness })
				),
				vatCodes: defaultVatCodes.filter((code) => code.id === ID.smallBusiness)
			})
		);
		expect(xml).toContain('>30.30</cbc:TaxableAmount>');
		expect(validateUbl(xml).fatal.map(formatFinding)).toEqual([]);
		const wrong = breakOnce(xml, '>30.30</cbc:TaxableAmount>', '>30.31</cbc:TaxableAmount>');
		expect(fatalIds(wrong)).toContain('BR-E-08');
	});
});
