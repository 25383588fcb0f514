import { describe, expect, it } from 'vitest';
import { checkSellerProfile } from '$lib/legal';
import { checklistComplete, sellerChecklist } from './legal-checklist';

const complete = {
	name: 'Jan Peeters',
	legalForm: 'Eenmanszaak',
	address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent', countryCode: 'BE' },
	enterpriseNumber: '0123456749',
	vatNumber: 'BE0123456749',
	smallBusinessExemption: false,
	iban: 'BE68539007547034',
	bic: 'GEBABEBB',
	email: 'jan@peeters.example'
};

describe('seller checklist', () => {
	it('is complete for a complete profile, with phone and website only recommended', () => {
		const entries = sellerChecklist(checkSellerProfile(complete), { phone: '', website: '' });
		expect(checklistComplete(entries)).toBe(true);
		expect(entries.filter((entry) => !entry.done).map((entry) => entry.key)).toEqual([
			'phone',
			'website'
		]);
	});

	it('groups every missing or wrong field under its entry', () => {
		const entries = sellerChecklist(
			checkSellerProfile({
				...complete,
				legalForm: '',
				address: { ...complete.address, city: '' },
				enterpriseNumber: '0123456748',
				iban: ''
			}),
			{ phone: '+32 9 123 45 67', website: 'https://peeters.example' }
		);
		const open = Object.fromEntries(
			entries.filter((entry) => !entry.done).map((entry) => [entry.key, entry.problems.length])
		);
		expect(open).toEqual({ nameAndLegalForm: 1, address: 1, enterpriseNumber: 1, bank: 1 });
		expect(checklistComplete(entries)).toBe(false);
	});

	it('accepts the small-business exemption instead of a VAT number', () => {
		const entries = sellerChecklist(
			checkSellerProfile({ ...complete, vatNumber: '', smallBusinessExemption: true }),
			{ phone: '', website: '' }
		);
		expect(entries.find((entry) => entry.key === 'vat')?.done).toBe(true);
	});
});
