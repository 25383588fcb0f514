import { describe, expect, it } from 'vitest';
import {
	canLookUpInVies,
	countryOfViesPrefix,
	fillFromCompany,
	type CompanyFound
} from './company-lookup';
import { blankContactValues } from './contact-form';

const found: CompanyFound = {
	vatNumber: 'BE0417497106',
	countryCode: 'BE',
	valid: true,
	name: 'Bakkerij <De Zon> & Zonen "BV"',
	address: { street: "Rue d'Arlon 12", postalCode: '1040', city: 'Etterbeek' },
	rawAddress: "Rue d'Arlon 12\n1040 Etterbeek"
};

describe('filling a contact from VIES', () => {
	it('fills every empty field, names and addresses with HTML/XML specials kept as text', () => {
		const { values, filled, suggestions } = fillFromCompany(blankContactValues('nl'), found);
		expect(values).toMatchObject({
			name: 'Bakkerij <De Zon> & Zonen "BV"',
			street: "Rue d'Arlon 12",
			postalCode: '1040',
			city: 'Etterbeek',
			countryCode: 'BE'
		});
		expect(filled).toEqual(['name', 'street', 'postalCode', 'city', 'countryCode']);
		expect(suggestions).toEqual([]);
	});

	it('never overwrites what the user typed: a different value becomes a suggestion', () => {
		const typed = {
			...blankContactValues('nl'),
			name: 'De Zon',
			city: 'Etterbeek',
			countryCode: 'NL'
		};
		const { values, filled, suggestions } = fillFromCompany(typed, found);
		expect(values.name).toBe('De Zon');
		expect(values.countryCode).toBe('NL');
		expect(values.street).toBe("Rue d'Arlon 12");
		expect(filled).toEqual(['street', 'postalCode']);
		expect(suggestions).toEqual([
			{ field: 'name', value: 'Bakkerij <De Zon> & Zonen "BV"' },
			{ field: 'countryCode', value: 'BE' }
		]);
	});

	it('fills nothing VIES does not publish, and leaves an unsplit address to the user', () => {
		const unpublished = {
			...found,
			name: null,
			address: null,
			rawAddress: 'Somewhere 1 1000 City'
		};
		const { values, filled, suggestions } = fillFromCompany(blankContactValues('nl'), unpublished);
		expect(values).toEqual(blankContactValues('nl'));
		expect(filled).toEqual([]);
		expect(suggestions).toEqual([]);
	});

	it('asks VIES only about well-formed numbers of its member states', () => {
		expect(canLookUpInVies('be 0417.497.106')).toBe(true);
		expect(canLookUpInVies('BE0417497107')).toBe(false);
		expect(canLookUpInVies('CHE-116.281.710 MWST')).toBe(false);
		expect(canLookUpInVies('')).toBe(false);
		expect(countryOfViesPrefix('EL')).toBe('GR');
		expect(countryOfViesPrefix('XI')).toBe('GB');
	});
});
