import { isUiLocale, negotiateLocale, setupI18n, type UiLocale } from '$lib/i18n';
// Narrow imports: the shell loads this module, and the storage barrel pulls in the whole domain.
import { appDb } from '$lib/storage/db';
import { readPreference, writePreference } from '$lib/storage/preferences';

const preferenceKey = 'ui-locale';

class LocaleState {
	current = $state<UiLocale>('en');

	/** The saved choice wins; otherwise the browser's preferred languages decide. */
	async start(browserLanguages: readonly string[]): Promise<void> {
		const saved = await readPreference(appDb(), preferenceKey);
		const chosen = isUiLocale(saved) ? saved : negotiateLocale(browserLanguages);
		await setupI18n(chosen);
		this.current = chosen;
		document.documentElement.lang = this.current;
	}

	/** Saved before the screen changes, so a page that shows the new language keeps it on reload. */
	async choose(next: UiLocale): Promise<void> {
		await writePreference(appDb(), preferenceKey, next);
		await setupI18n(next);
		this.current = next;
		document.documentElement.lang = next;
	}
}

export const localeState = new LocaleState();
