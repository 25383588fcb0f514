import { describe, expect, it } from 'vitest';
import type { Finding } from '$lib/peppol-rules';
import { ruleTarget } from './rule-targets';

const finding = (id: string, location: string): Finding => ({
	ruleset: 'peppol',
	id,
	flag: 'fatal',
	location,
	message: `[${id}]-...`
});

// Form lines: 0 text, 1 item, 2 text, 3 item → UBL lines 1 and 2 are form lines 1 and 3.
const itemLines = [1, 3];

describe('ruleTarget', () => {
	it('points a buyer endpoint rule at the customer', () => {
		expect(
			ruleTarget(
				finding(
					'PEPPOL-EN16931-CL008',
					'/Invoice[1]/cac:AccountingCustomerParty[1]/cac:Party[1]/cbc:EndpointID[1]'
				),
				itemLines
			)
		).toEqual({ kind: 'field', field: 'contact' });
	});

	it('points a line rule at the field of that line, skipping text lines', () => {
		expect(
			ruleTarget(
				finding('BR-CL-23', '/Invoice[1]/cac:InvoiceLine[2]/cbc:InvoicedQuantity[1]/@unitCode'),
				itemLines
			)
		).toEqual({ kind: 'field', field: 'lineUnit', line: 3 });
		expect(
			ruleTarget(
				finding(
					'BR-S-05',
					'/Invoice[1]/cac:InvoiceLine[1]/cac:Item[1]/cac:ClassifiedTaxCategory[1]'
				),
				itemLines
			)
		).toEqual({ kind: 'field', field: 'lineVat', line: 1 });
		expect(
			ruleTarget(finding('BR-27', '/CreditNote[1]/cac:CreditNoteLine[1]/cac:Price[1]'), itemLines)
		).toEqual({ kind: 'field', field: 'linePrice', line: 1 });
	});

	it('points VAT category rules on the root or the breakdown at the first line VAT code', () => {
		expect(ruleTarget(finding('BR-E-02', '/Invoice[1]'), itemLines)).toEqual({
			kind: 'field',
			field: 'lineVat',
			line: 1
		});
		expect(
			ruleTarget(
				finding('BR-E-10', '/Invoice[1]/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]'),
				itemLines
			)
		).toEqual({ kind: 'field', field: 'lineVat', line: 1 });
	});

	it('knows root rules by id, the seller by its settings page, and leaves the rest unmapped', () => {
		expect(ruleTarget(finding('PEPPOL-EN16931-R003', '/Invoice[1]'), itemLines)).toEqual({
			kind: 'field',
			field: 'buyerReference'
		});
		expect(
			ruleTarget(
				finding('BR-CO-26', '/Invoice[1]/cac:AccountingSupplierParty[1]/cac:Party[1]'),
				itemLines
			)
		).toEqual({ kind: 'page', page: 'profile' });
		expect(ruleTarget(finding('BR-CO-16', '/Invoice[1]/cac:LegalMonetaryTotal[1]'), [])).toBe(
			undefined
		);
	});
});
