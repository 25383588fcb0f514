import { describe, expect, it } from 'vitest';
import { needsPeppolWarning } from './peppol-warning';

const address = { street: 'Meir 10', postalCode: '2000', city: 'Antwerpen', countryCode: 'BE' };
const business = { kind: 'business' as const, vatNumber: 'BE0417497106', address };
const checkedAt = '2026-02-01T10:00:00.000Z';

describe('the Belgian B2B warning before sending', () => {
	it('warns for a Belgian VAT-registered business not known to be on Peppol', () => {
		expect(needsPeppolWarning(business, undefined)).toBe(true);
		expect(needsPeppolWarning(business, { registered: false, checkedAt })).toBe(true);
		expect(needsPeppolWarning(business, { registered: 'unknown', checkedAt })).toBe(true);
	});

	it('stays quiet when the customer is on Peppol, private, foreign or not VAT-registered', () => {
		expect(needsPeppolWarning(business, { registered: true, checkedAt })).toBe(false);
		expect(needsPeppolWarning({ ...business, kind: 'private' }, undefined)).toBe(false);
		expect(
			needsPeppolWarning(
				{ ...business, vatNumber: 'NL004495445B01', address: { ...address, countryCode: 'NL' } },
				undefined
			)
		).toBe(false);
		expect(needsPeppolWarning({ ...business, vatNumber: undefined }, undefined)).toBe(false);
	});
});
