// The optimised rule contexts select exactly the nodes the plain ones select, on documents where
// the country-specific rules (SE, DK, GR, NO, NL) fire and where they do not.
import fontoxpath from 'fontoxpath';
import { readFileSync } from 'node:fs';
import { parseXmlDocument, type Node } from 'slimdom';
import { describe, expect, it } from 'vitest';
import { hoistDocumentTests, patternToSelect, splitUnion } from './match-pattern';
import { DATA_DIR } from './node';

const NS: Record<string, string> = {
	cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
	cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
	ubl: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
	'ubl-invoice': 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
	cn: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
	'ubl-creditnote': 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2'
};

/** Every rule context of both rule files. */
const contexts = ['CEN-EN16931-UBL.sch', 'PEPPOL-EN16931-UBL.sch'].flatMap((file) =>
	[
		...readFileSync(`${DATA_DIR}rules/${file}`, 'utf8').matchAll(/<rule\b[^>]*\bcontext="([^"]*)"/g)
	].map((m) =>
		(m[1] ?? '')
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&quot;/g, '"')
			.replace(/&apos;/g, "'")
			.replace(/&amp;/g, '&')
	)
);

function invoice(supplier: string, customer: string): string {
	const party = (country: string) => `<cac:Party>
		<cbc:EndpointID schemeID="0088">7300010000001</cbc:EndpointID>
		<cac:PostalAddress><cac:Country><cbc:IdentificationCode>${country}</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
		<cac:PartyTaxScheme><cbc:CompanyID>${country}123456789001</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
		<cac:PartyIdentification><cbc:ID>1</cbc:ID></cac:PartyIdentification>
	</cac:Party>`;
	const line = (id: number) => `<cac:InvoiceLine><cbc:ID>${id}</cbc:ID>
		<cbc:LineExtensionAmount currencyID="EUR">10</cbc:LineExtensionAmount>
		<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:Amount currencyID="EUR">1</cbc:Amount></cac:AllowanceCharge>
		<cac:Item><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>
		<cac:Price><cbc:PriceAmount currencyID="EUR">10</cbc:PriceAmount></cac:Price>
	</cac:InvoiceLine>`;
	return `<ubl:Invoice xmlns:ubl="${NS.ubl}" xmlns:cac="${NS.cac}" xmlns:cbc="${NS.cbc}">
		<cbc:ID>1</cbc:ID><cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>
		<cac:AdditionalDocumentReference><cbc:ID>A</cbc:ID><cbc:DocumentDescription>##INVOICE|URL##</cbc:DocumentDescription></cac:AdditionalDocumentReference>
		<cac:AccountingSupplierParty>${party(supplier)}</cac:AccountingSupplierParty>
		<cac:AccountingCustomerParty>${party(customer)}</cac:AccountingCustomerParty>
		<cac:PaymentMeans><cbc:PaymentMeansCode>31</cbc:PaymentMeansCode><cac:PayeeFinancialAccount><cbc:ID>X</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
		<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:Amount currencyID="EUR">1</cbc:Amount></cac:AllowanceCharge>
		<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">5</cbc:TaxAmount><cac:TaxSubtotal><cac:TaxCategory><cbc:ID>S</cbc:ID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
		${line(1)}${line(2)}
	</ubl:Invoice>`;
}

/** The schema-level lets the contexts use, as each country pair would set them. */
function variables(supplier: string, customer: string): Record<string, unknown> {
	const greek = supplier === 'GR';
	return {
		supplierCountry: supplier,
		accountingSupplierCountry: supplier,
		DKSupplierCountry: supplier,
		DKCustomerCountry: customer,
		SupplierCountry: supplier,
		CustomerCountry: customer,
		isGreekSender: greek,
		isGreekSenderandReceiver: greek && customer === 'GR',
		supplierCountryIsNL: supplier === 'NL',
		customerCountryIsNL: customer === 'NL'
	};
}

function select(expression: string, doc: Node, vars: Record<string, unknown>): Node[] {
	return fontoxpath.evaluateXPathToNodes<Node>(expression, doc, null, vars, {
		namespaceResolver: (prefix: string) => NS[prefix] ?? null
	});
}

describe('patternToSelect', () => {
	it('reads every rule context of both rule files', () => {
		expect(contexts.length).toBeGreaterThan(200);
	});

	it.each([
		['SE', 'SE'],
		['DK', 'DK'],
		['GR', 'GR'],
		['NO', 'BE'],
		['NL', 'NL'],
		['BE', 'BE']
	])(
		'selects the same nodes optimised and plain (supplier %s, customer %s)',
		(supplier, customer) => {
			const doc = parseXmlDocument(invoice(supplier, customer));
			const vars = variables(supplier, customer);
			let compared = 0;
			let nonEmpty = 0;
			for (const context of contexts) {
				const prefixes = [...context.matchAll(/([\w-]+):[A-Za-z*]/g)].map((m) => m[1] ?? '');
				if (prefixes.some((prefix) => !(prefix in NS) && prefix !== 'xs')) continue;
				if (
					/\$(?!(?:supplierCountry|accountingSupplierCountry|DKSupplierCountry|DKCustomerCountry|SupplierCountry|CustomerCountry|isGreekSender|isGreekSenderandReceiver|supplierCountryIsNL|customerCountryIsNL)\b)/.test(
						context
					)
				)
					continue;
				let plain: Node[];
				try {
					plain = select(patternToSelect(context, { optimise: false }), doc, vars);
				} catch {
					continue; // a context this small document cannot evaluate (functions of the rule files)
				}
				expect(select(patternToSelect(context), doc, vars), context).toEqual(plain);
				compared++;
				if (plain.length) nonEmpty++;
			}
			expect(compared).toBeGreaterThan(150);
			expect(nonEmpty).toBeGreaterThan(10);
		}
	);

	it('moves only document-wide tests out of a predicate', () => {
		expect(
			hoistDocumentTests(
				"cac:TaxCategory[//cac:AccountingSupplierParty/cac:Party[cbc:ID = 'SE'] and cbc:ID = 'S']"
			)
		).toEqual({
			tests: ["//cac:AccountingSupplierParty/cac:Party[cbc:ID = 'SE']"],
			rest: "cac:TaxCategory[cbc:ID = 'S']"
		});
		expect(hoistDocumentTests("cac:A[$country = 'DK' and $isDK]/cac:B[1]")).toEqual({
			tests: ["$country = 'DK'", '$isDK'],
			rest: 'cac:A/cac:B[1]'
		});
		// positional or per-node: kept
		for (const branch of ['cac:A[1]', 'cac:A[$n]', "cac:A[. = 'x']", "cac:A[$x = 'a' or cbc:B]"])
			expect(hoistDocumentTests(branch)).toEqual({ tests: [], rest: branch });
	});

	it('walks the document once for plain names', () => {
		expect(patternToSelect('cbc:Amount | cbc:BaseAmount | cac:A[cbc:B]')).toBe(
			'(descendant::*[self::cbc:Amount or self::cbc:BaseAmount]) | (descendant::cac:A[cbc:B])'
		);
		expect(splitUnion('a | b[c | d]')).toEqual(['a', 'b[c | d]']);
	});
});
