import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMessages, negotiateLocale, uiLocales } from './index';

const root = join(import.meta.dirname, 'messages');

function keys(tree: object, prefix = ''): string[] {
	return Object.entries(tree).flatMap(([key, value]) =>
		typeof value === 'object' && value !== null
			? keys(value, `${prefix}${key}.`)
			: [`${prefix}${key}`]
	);
}

function read(locale: string, file: string): object {
	return JSON.parse(readFileSync(join(root, locale, file), 'utf8'));
}

describe('UI messages', () => {
	const features = readdirSync(join(root, 'en'));

	it.each(features)('%s has the same keys in every language', (file) => {
		const reference = keys(read('en', file)).sort();
		for (const locale of uiLocales)
			expect(keys(read(locale, file)).sort(), locale).toEqual(reference);
	});

	it('has no top-level group defined by two feature files', () => {
		const groups = features.flatMap((file) => Object.keys(read('en', file)));
		expect(new Set(groups).size).toBe(groups.length);
	});

	it.each(uiLocales)('loads every feature file of %s in its bundle', async (locale) => {
		expect(keys(await loadMessages(locale)).length).toBe(
			features.reduce((sum, file) => sum + keys(read('en', file)).length, 0)
		);
	});

	it('negotiates the browser language down to a UI language', () => {
		expect(negotiateLocale(['nl-BE', 'en'])).toBe('nl');
		expect(negotiateLocale(['de-DE', 'fr-BE'])).toBe('fr');
		expect(negotiateLocale(['de-DE'])).toBe('en');
		expect(negotiateLocale([])).toBe('en');
	});
});
