import type { Address } from '$lib/contacts';
import {
	normalizeEnterpriseNumber,
	normalizeVatNumber,
	peppolIdCandidates,
	type PeppolId
} from '$lib/contacts';
import type { BuyerSnapshot, SellerSnapshot } from '$lib/document';
import { BELGIAN_ENTERPRISE_SCHEME, TAX_REGISTRATION_SCHEME, VAT_SCHEME } from './codes';
import type { UblWarning } from './ubl-issues';
import type { UblNode } from './ubl-node';

/**
 * BT-34: the id the seller gave, else `0208:<KBO>` (BOSA registers Belgian companies under 0208).
 * The seller's KBO number is checked before, so a candidate always exists.
 */
export function sellerEndpoint(seller: SellerSnapshot): PeppolId {
	const [first] = peppolIdCandidates({ ...seller, countryCode: seller.address.countryCode });
	return first ?? { scheme: BELGIAN_ENTERPRISE_SCHEME, value: seller.enterpriseNumber };
}

/**
 * BT-49: the buyer's own id, else one derived from its KBO or VAT number with the scheme of its
 * country (0208 for Belgium, 9944 NL, 9957 FR …). A buyer without any (a private person, or a
 * foreign business from a country without a VAT-based scheme) cannot be reached over Peppol;
 * the element is still mandatory (PEPPOL-EN16931-R010), so it carries the seller's own address
 * and the caller gets a warning instead of a made-up buyer address.
 */
export function buyerEndpoint(
	buyer: BuyerSnapshot,
	seller: SellerSnapshot,
	warnings: UblWarning[]
): PeppolId {
	const [first] = peppolIdCandidates({ ...buyer, countryCode: buyer.address.countryCode });
	if (first) return first;
	warnings.push({
		code: 'buyer-not-on-peppol',
		path: 'buyer.peppolId',
		message:
			'the buyer has no Peppol id and none can be derived from a KBO or VAT number; the UBL names the seller as its electronic address and cannot be sent over Peppol (send the PDF instead)'
	});
	return sellerEndpoint(seller);
}

function writeAddress(party: UblNode, address: Address): void {
	const postal = party.cac('PostalAddress');
	postal
		.cbc('StreetName', address.street) // BT-35 / BT-50
		.cbc('AdditionalStreetName', address.additionalLine) // BT-36 / BT-51
		.cbc('CityName', address.city) // BT-37 / BT-52
		.cbc('PostalZone', address.postalCode); // BT-38 / BT-53
	postal.cac('Country').cbc('IdentificationCode', address.countryCode); // BT-40 / BT-55
}

function writeTaxScheme(party: UblNode, companyId: string, scheme: string): void {
	const taxScheme = party.cac('PartyTaxScheme');
	taxScheme.cbc('CompanyID', companyId);
	taxScheme.cac('TaxScheme').cbc('ID', scheme);
}

/** How the seller is identified for tax. */
export type SellerTaxIdentity =
	/** BT-31, the VAT number. */
	| 'vat'
	/** BT-32: no VAT number (small-business scheme, art. 44): the KBO number under scheme "TAX". */
	| 'tax-registration'
	/** An outside-scope (O) invoice must carry no VAT identifiers at all (BR-O-02). */
	| 'none';

export function writeSellerParty(
	parent: UblNode,
	seller: SellerSnapshot,
	taxIdentity: SellerTaxIdentity
): void {
	const party = parent.cac('AccountingSupplierParty').cac('Party');
	const endpoint = sellerEndpoint(seller);
	party.cbc('EndpointID', endpoint.value, { schemeID: endpoint.scheme }); // BT-34
	if (seller.tradingName) party.cac('PartyName').cbc('Name', seller.tradingName); // BT-28
	writeAddress(party, seller.address); // BG-5
	const enterpriseNumber = normalizeEnterpriseNumber(seller.enterpriseNumber);
	if (taxIdentity === 'vat' && seller.vatNumber) {
		writeTaxScheme(party, normalizeVatNumber(seller.vatNumber), VAT_SCHEME); // BT-31
	} else if (taxIdentity === 'tax-registration') {
		writeTaxScheme(party, enterpriseNumber, TAX_REGISTRATION_SCHEME); // BT-32
	}
	const legalForm = [seller.legalForm, seller.registerOfLegalEntities]
		.filter((part) => part !== undefined)
		.join(', ');
	party
		.cac('PartyLegalEntity')
		.cbc('RegistrationName', seller.name) // BT-27
		.cbc('CompanyID', enterpriseNumber, { schemeID: BELGIAN_ENTERPRISE_SCHEME }) // BT-30
		.cbc('CompanyLegalForm', legalForm); // BT-33
	party
		.cac('Contact') // BG-6
		.cbc('Telephone', seller.phone) // BT-42
		.cbc('ElectronicMail', seller.email); // BT-43
}

export function writeBuyerParty(
	parent: UblNode,
	buyer: BuyerSnapshot,
	endpoint: PeppolId,
	withVatNumber: boolean
): void {
	const party = parent.cac('AccountingCustomerParty').cac('Party');
	party.cbc('EndpointID', endpoint.value, { schemeID: endpoint.scheme }); // BT-49
	writeAddress(party, buyer.address); // BG-8
	if (withVatNumber && buyer.vatNumber) {
		writeTaxScheme(party, normalizeVatNumber(buyer.vatNumber), VAT_SCHEME); // BT-48
	}
	party
		.cac('PartyLegalEntity')
		.cbc('RegistrationName', buyer.name) // BT-44
		.cbc('CompanyID', buyer.enterpriseNumber && normalizeEnterpriseNumber(buyer.enterpriseNumber), {
			schemeID: BELGIAN_ENTERPRISE_SCHEME
		}); // BT-47
	if (buyer.contactName || buyer.phone || buyer.email) {
		party
			.cac('Contact') // BG-9
			.cbc('Name', buyer.contactName) // BT-56
			.cbc('Telephone', buyer.phone) // BT-57
			.cbc('ElectronicMail', buyer.email); // BT-58
	}
}
