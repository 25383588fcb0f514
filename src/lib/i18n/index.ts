import { addMessages, init, locale } from 'svelte-i18n';

export const uiLocales = ['en', 'nl', 'fr'] as const;
export type UiLocale = (typeof uiLocales)[number];

type MessageTree = { [key: string]: string | MessageTree };

/**
 * One JSON file per feature and language (messages/<locale>/<feature>.json), so features add
 * their strings without touching each other's files. Every file's keys live under its own
 * top-level groups.
 */
const files = import.meta.glob<MessageTree>('./messages/*/*.json', {
	eager: true,
	import: 'default'
});

export function messagesFor(code: UiLocale): MessageTree {
	const merged: MessageTree = {};
	for (const [path, tree] of Object.entries(files)) {
		if (path.startsWith(`./messages/${code}/`)) Object.assign(merged, tree);
	}
	return merged;
}

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
		for (const code of uiLocales) addMessages(code, messagesFor(code));
		init({ fallbackLocale: 'en', initialLocale: initial });
		initialised = true;
	} else {
		locale.set(initial);
	}
}

export { locale, _ as t } from 'svelte-i18n';
