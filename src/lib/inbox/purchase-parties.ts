import type { PurchaseParty } from './purchase-document';
import { at, children, textAt, type XmlElement } from './purchase-xml';

/** Drops the keys whose value is undefined, so an absent optional term is absent, not `undefined`. */
export function defined<T extends object>(value: T): T {
	for (const key of Object.keys(value) as (keyof T)[])
		if (value[key] === undefined) delete value[key];
	return value;
}

function addressOf(address: XmlElement | undefined): PurchaseParty['address'] {
	const lines = [
		textAt(address, 'cbc:StreetName'),
		textAt(address, 'cbc:AdditionalStreetName'),
		...children(address, 'cac:AddressLine').map((line) => textAt(line, 'cbc:Line'))
	].filter((line): line is string => line !== undefined);
	return defined({
		lines,
		city: textAt(address, 'cbc:CityName'),
		postalCode: textAt(address, 'cbc:PostalZone'),
		subdivision: textAt(address, 'cbc:CountrySubentity'),
		country: textAt(address, 'cac:Country', 'cbc:IdentificationCode')?.toUpperCase() ?? ''
	});
}

/** A one-line address, e.g. for a delivery place: "Kerkstraat 1, 9000 Gent, BE". */
export function addressText(address: XmlElement | undefined): string | undefined {
	if (address === undefined) return undefined;
	const { lines, postalCode, city, country } = addressOf(address);
	const place = [postalCode, city].filter(Boolean).join(' ');
	const text = [...lines, place, country].filter(Boolean).join(', ');
	return text === '' ? undefined : text;
}

/**
 * BG-4 seller / BG-7 buyer from cac:Party: the legal registration name, else the trading name;
 * the VAT number is the PartyTaxScheme whose scheme is VAT (the other one is a tax registration).
 */
export function partyOf(party: XmlElement | undefined): PurchaseParty {
	const tradingName = textAt(party, 'cac:PartyName', 'cbc:Name');
	const vat = children(party, 'cac:PartyTaxScheme').find(
		(scheme) => textAt(scheme, 'cac:TaxScheme', 'cbc:ID')?.toUpperCase() === 'VAT'
	);
	const companyId = at(party, 'cac:PartyLegalEntity', 'cbc:CompanyID');
	const endpoint = at(party, 'cbc:EndpointID');
	const contact = at(party, 'cac:Contact');
	const contactValue = defined({
		name: textAt(contact, 'cbc:Name'),
		phone: textAt(contact, 'cbc:Telephone'),
		email: textAt(contact, 'cbc:ElectronicMail')
	});
	return defined({
		name: textAt(party, 'cac:PartyLegalEntity', 'cbc:RegistrationName') ?? tradingName ?? '',
		tradingName,
		vatNumber: textAt(vat, 'cbc:CompanyID'),
		companyId:
			companyId === undefined || companyId.text === ''
				? undefined
				: defined({ id: companyId.text, scheme: companyId.attributes['schemeID'] }),
		endpoint:
			endpoint === undefined || endpoint.text === ''
				? undefined
				: { id: endpoint.text, scheme: endpoint.attributes['schemeID'] ?? '' },
		address: addressOf(at(party, 'cac:PostalAddress')),
		contact: Object.keys(contactValue).length === 0 ? undefined : contactValue
	});
}
