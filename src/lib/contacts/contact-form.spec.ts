import { describe, expect, it } from 'vitest';
import { blankContactValues, checkContactValues, derivedEnterpriseNumber } from './contact-form';

describe('contact values', () => {
	it('names the rule of a wrong VAT number next to the field', () => {
		const values = { ...blankContactValues('nl'), name: 'Acme', vatNumber: 'BE0417497107' };
		expect(checkContactValues(values, 'en').vatNumber).toBe(
			'VAT number BE0417497107 does not have a valid format or check digits.'
		);
		expect(checkContactValues(values, 'fr').vatNumber).toContain('chiffre de contrôle');
		expect(checkContactValues({ ...values, vatNumber: 'BE0417497106' }, 'en')).toEqual({});
	});

	it('derives the enterprise number from a Belgian VAT number only', () => {
		const business = { ...blankContactValues('nl'), vatNumber: 'be0417.497.106' };
		expect(derivedEnterpriseNumber(business)).toBe('0417497106');
		expect(derivedEnterpriseNumber({ ...business, vatNumber: 'NL004495445B01' })).toBeUndefined();
		expect(derivedEnterpriseNumber({ ...business, kind: 'private' })).toBeUndefined();
	});
});
