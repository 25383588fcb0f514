import { describe, expect, it } from 'vitest';
import { utf8 } from '$lib/bytes';
import { allowanceChargeOf, lineOf } from './purchase-lines';
import { child, readUblTree } from './purchase-xml';

const root = (xml: string) =>
	readUblTree(
		utf8(
			`<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">${xml}</CreditNote>`
		)
	).root;

describe('lineOf', () => {
	it('reads a credit note line’s credited quantity and leaves missing texts empty for the rules to name', () => {
		const line = child(
			root(`<cac:CreditNoteLine><cbc:CreditedQuantity unitCode="KGM">-2.5</cbc:CreditedQuantity>
			<cbc:LineExtensionAmount currencyID="EUR">-10</cbc:LineExtensionAmount><cac:Price><cbc:PriceAmount>4</cbc:PriceAmount></cac:Price></cac:CreditNoteLine>`),
			'cac:CreditNoteLine'
		)!;
		expect(lineOf(line, 0)).toEqual({
			id: '',
			name: '',
			quantity: '-2.5',
			unitCode: 'KGM',
			netPrice: '4',
			lineTotal: '-10',
			vatCategory: '',
			allowancesCharges: []
		});
	});

	it('names the line and rule when its net amount is missing', () => {
		const line = child(
			root(
				`<cac:CreditNoteLine><cbc:ID>7</cbc:ID><cbc:CreditedQuantity>1</cbc:CreditedQuantity><cac:Price><cbc:PriceAmount>4</cbc:PriceAmount></cac:Price></cac:CreditNoteLine>`
			),
			'cac:CreditNoteLine'
		)!;
		expect(() => lineOf(line, 2)).toThrow(
			'cac:CreditNoteLine[3] (line 1): cbc:LineExtensionAmount (BT-131 invoice line net amount) is missing; Peppol BIS rule BR-24 requires it'
		);
	});
});

describe('allowanceChargeOf', () => {
	it('reads the charge indicator as xsd:boolean text, surrounding space and case aside', () => {
		const element = child(
			root(
				`<cac:AllowanceCharge><cbc:ChargeIndicator> TRUE </cbc:ChargeIndicator><cbc:Amount>5.5</cbc:Amount></cac:AllowanceCharge>`
			),
			'cac:AllowanceCharge'
		)!;
		expect(allowanceChargeOf(element, '')).toEqual({ isCharge: true, amount: '5.5' });
	});
});
