import { describe, expect, it } from 'vitest';
import { utf8 } from '$lib/bytes';
import { addressText, partyOf } from './purchase-parties';
import { at, readUblTree } from './purchase-xml';

const party = (xml: string) =>
	at(
		readUblTree(
			utf8(
				`<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cac:Party>${xml}</cac:Party></Invoice>`
			)
		).root,
		'cac:Party'
	);

describe('partyOf', () => {
	it('takes the VAT scheme’s number, not the other tax registration', () => {
		const read = partyOf(
			party(`<cac:PartyTaxScheme><cbc:CompanyID>SE556677889901</cbc:CompanyID><cac:TaxScheme><cbc:ID>TAX</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
			<cac:PartyTaxScheme><cbc:CompanyID>SE556677889902</cbc:CompanyID><cac:TaxScheme><cbc:ID>vat</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>`)
		);
		expect(read.vatNumber).toBe('SE556677889902');
	});

	it('falls back to the trading name, and to "" with a country of "" when nothing is there', () => {
		expect(
			partyOf(party('<cac:PartyName><cbc:Name>Bakkerij Lena</cbc:Name></cac:PartyName>'))
		).toEqual({
			name: 'Bakkerij Lena',
			tradingName: 'Bakkerij Lena',
			address: { lines: [], country: '' }
		});
		expect(partyOf(undefined)).toEqual({ name: '', address: { lines: [], country: '' } });
	});

	it('gathers address lines in order and upper-cases the country', () => {
		const read = partyOf(
			party(`<cac:PostalAddress><cbc:StreetName>Rue Haute 1</cbc:StreetName><cbc:CityName>Bruxelles</cbc:CityName><cbc:PostalZone>1000</cbc:PostalZone>
			<cac:AddressLine><cbc:Line>Bâtiment B</cbc:Line></cac:AddressLine><cac:Country><cbc:IdentificationCode>be</cbc:IdentificationCode></cac:Country></cac:PostalAddress>`)
		);
		expect(read.address).toEqual({
			lines: ['Rue Haute 1', 'Bâtiment B'],
			city: 'Bruxelles',
			postalCode: '1000',
			country: 'BE'
		});
		expect(
			addressText(
				at(
					party('<cac:PostalAddress><cbc:CityName>Gent</cbc:CityName></cac:PostalAddress>'),
					'cac:PostalAddress'
				)
			)
		).toBe('Gent');
	});
});
