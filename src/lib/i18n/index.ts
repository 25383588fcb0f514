import { addMessages, init, locale } from 'svelte-i18n';
import type { MessageTree } from './merge-feature-files';

export const uiLocales = ['en', 'nl', 'fr'] as const;
export type UiLocale = (typeof uiLocales)[number];

/**
 * One JSON file per feature and language (messages/<locale>/<feature>.json), so features add
 * their strings without touching each other's files. Each language is its own lazy chunk
 * (bundles/<locale>.ts): the shell loads only the one on screen.
 */
const bundles: Record<UiLocale, () => Promise<{ default: MessageTree }>> = {
	en: () => import('./bundles/en'),
	nl: () => import('./bundles/nl'),
	fr: () => import('./bundles/fr')
};

export async function loadMessages(code: UiLocale): Promise<MessageTree> {
	return (await bundles[code]()).default;
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
const added = new Set<UiLocale>();

/** Loads the language's messages once, then shows it; the message files keep every key in all three. */
export async function setupI18n(code: UiLocale): Promise<void> {
	if (!added.has(code)) {
		addMessages(code, await loadMessages(code));
		added.add(code);
	}
	if (!initialised) {
		init({ fallbackLocale: code, initialLocale: code });
		initialised = true;
	} else {
		locale.set(code);
	}
}

export { json, locale, _ as t } from 'svelte-i18n';
