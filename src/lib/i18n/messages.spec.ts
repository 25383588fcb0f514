import { describe, expect, it } from 'vitest';
import en from './messages/en.json';
import fr from './messages/fr.json';
import nl from './messages/nl.json';
import { negotiateLocale } from './index';

function keys(tree: object, prefix = ''): string[] {
	return Object.entries(tree).flatMap(([key, value]) =>
		typeof value === 'object' && value !== null
			? keys(value, `${prefix}${key}.`)
			: [`${prefix}${key}`]
	);
}

describe('UI messages', () => {
	it('has every English key in Dutch and French, and no extra ones', () => {
		const reference = keys(en).sort();
		expect(keys(nl).sort()).toEqual(reference);
		expect(keys(fr).sort()).toEqual(reference);
	});

	it('negotiates the browser language down to a UI language', () => {
		expect(negotiateLocale(['nl-BE', 'en'])).toBe('nl');
		expect(negotiateLocale(['de-DE', 'fr-BE'])).toBe('fr');
		expect(negotiateLocale(['de-DE'])).toBe('en');
		expect(negotiateLocale([])).toBe('en');
	});
});
