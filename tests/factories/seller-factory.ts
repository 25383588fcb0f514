import {
	SELLER_PROFILE_DEFAULTS,
	SELLER_PROFILE_SCHEMA_VERSION,
	type SellerProfile,
	type SellerSnapshot
} from '$lib/document';
import { buildRecordMeta } from './record-meta';

/** A complete, VAT-registered Belgian sole trader; 0123456749 passes the KBO mod-97 check. */
export function buildSeller(overrides: Partial<SellerSnapshot> = {}): SellerSnapshot {
	return {
		name: 'Jan Peeters',
		tradingName: 'Peeters Webdesign',
		legalForm: 'Eenmanszaak',
		address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent', countryCode: 'BE' },
		enterpriseNumber: '0123456749',
		vatNumber: 'BE0123456749',
		smallBusinessExemption: false,
		iban: 'BE68539007547034',
		bic: 'GEBABEBB',
		email: 'jan@peeters.example',
		phone: '+32 9 123 45 67',
		peppolId: '0208:0123456749',
		...overrides
	};
}

/** The workspace profile behind buildSeller, with default settings. */
export function buildSellerProfile(overrides: Partial<SellerProfile> = {}): SellerProfile {
	return {
		...buildRecordMeta(SELLER_PROFILE_SCHEMA_VERSION),
		...SELLER_PROFILE_DEFAULTS,
		vatCodes: [...SELLER_PROFILE_DEFAULTS.vatCodes],
		...buildSeller(),
		cashDiscount: { percent: '2', days: 14 },
		...overrides
	};
}
