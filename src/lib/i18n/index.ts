import { addMessages, init, locale } from 'svelte-i18n';
import en from './messages/en.json';
import fr from './messages/fr.json';
import nl from './messages/nl.json';

export const uiLocales = ['en', 'nl', 'fr'] as const;
export type UiLocale = (typeof uiLocales)[number];

export function isUiLocale(value: unknown): value is UiLocale {
	return typeof value === 'string' && (uiLocales as readonly string[]).includes(value);
}

/** Picks the first UI language the browser prefers that we speak; nl-BE → nl, fr-BE → fr. */
export function negotiateLocale(preferred: readonly string[]): UiLocale {
	for (const tag of preferred) {
		const base = tag.toLowerCase().split('-')[0];
		if (isUiLocale(base)) return base;
	}
	return 'en';
}

let initialised = false;

export function setupI18n(initial: UiLocale): void {
	if (!initialised) {
		addMessages('en', en);
		addMessages('nl', nl);
		addMessages('fr', fr);
		init({ fallbackLocale: 'en', initialLocale: initial });
		initialised = true;
	} else {
		locale.set(initial);
	}
}

export { locale, _ as t } from 'svelte-i18n';
