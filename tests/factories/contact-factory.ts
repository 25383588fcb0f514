import { CONTACT_SCHEMA_VERSION, type Contact } from '$lib/contacts';
import type { BuyerSnapshot } from '$lib/document';
import { buildRecordMeta } from './record-meta';

/** A Belgian VAT-registered business buyer; 0417497106 passes the KBO mod-97 check. */
export function buildBusinessBuyer(overrides: Partial<BuyerSnapshot> = {}): BuyerSnapshot {
	return {
		kind: 'business',
		name: 'Acme BV',
		vatNumber: 'BE0417497106',
		enterpriseNumber: '0417497106',
		address: { street: 'Meir 10', postalCode: '2000', city: 'Antwerpen', countryCode: 'BE' },
		email: 'invoices@acme.example',
		language: 'nl',
		customerReference: 'PO-4711',
		peppolId: '0208:0417497106',
		...overrides
	};
}

export function buildPrivateBuyer(overrides: Partial<BuyerSnapshot> = {}): BuyerSnapshot {
	return {
		kind: 'private',
		name: 'Marie Dubois',
		address: { street: 'Rue Haute 5', postalCode: '1000', city: 'Bruxelles', countryCode: 'BE' },
		email: 'marie@example.org',
		language: 'fr',
		...overrides
	};
}

/** The address-book record behind buildBusinessBuyer. */
export function buildContact(overrides: Partial<Contact> = {}): Contact {
	const { kind, name, vatNumber, enterpriseNumber, address, email, customerReference, peppolId } =
		buildBusinessBuyer();
	return {
		...buildRecordMeta(CONTACT_SCHEMA_VERSION),
		kind,
		name,
		vatNumber,
		enterpriseNumber,
		address,
		email,
		language: 'nl',
		customerReference,
		peppolId,
		peppolStatus: {
			registered: true,
			participantId: peppolId,
			checkedAt: '2026-05-17T09:00:00.000Z'
		},
		...overrides
	};
}
