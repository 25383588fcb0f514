import { describe, expect, it } from 'vitest';
import { expectsPeppol, needsPeppolWarning } from './peppol-warning';

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

describe('whether an invoice should go over Peppol', () => {
	it('expects Peppol for a buyer on Peppol, anywhere, and for a Belgian VAT-registered business', () => {
		const dutch = {
			kind: 'business' as const,
			vatNumber: 'NL004495445B01',
			address: { ...address, countryCode: 'NL' }
		};
		expect(expectsPeppol({ ...dutch, peppolId: '9944:NL004495445B01' }, undefined)).toBe(true);
		expect(expectsPeppol(dutch, { registered: true, checkedAt })).toBe(true);
		expect(expectsPeppol(business, { registered: false, checkedAt })).toBe(true);
	});

	it('does not for a private person or a foreign business not known on Peppol', () => {
		expect(expectsPeppol({ ...business, kind: 'private', vatNumber: undefined }, undefined)).toBe(
			false
		);
		expect(
			expectsPeppol(
				{ ...business, vatNumber: 'NL004495445B01', address: { ...address, countryCode: 'NL' } },
				{ registered: false, checkedAt }
			)
		).toBe(false);
		expect(expectsPeppol(undefined, undefined)).toBe(false);
	});
});
