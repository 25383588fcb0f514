import type { Language } from '$lib/language';

/** Formatting locale per language: Belgian conventions for nl/fr, plain ones for en/de. */
export const LOCALE_OF_LANGUAGE: Readonly<Record<Language, string>> = {
	nl: 'nl-BE',
	fr: 'fr-BE',
	en: 'en',
	de: 'de'
};

export type MoneyLocale = 'nl-BE' | 'fr-BE' | 'en' | 'de';

export function localeOf(languageOrLocale: Language | MoneyLocale): MoneyLocale {
	return (
		languageOrLocale in LOCALE_OF_LANGUAGE
			? LOCALE_OF_LANGUAGE[languageOrLocale as Language]
			: languageOrLocale
	) as MoneyLocale;
}
