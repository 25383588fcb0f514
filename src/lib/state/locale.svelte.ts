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
		this.current = isUiLocale(saved) ? saved : negotiateLocale(browserLanguages);
		setupI18n(this.current);
		document.documentElement.lang = this.current;
	}

	async choose(next: UiLocale): Promise<void> {
		this.current = next;
		setupI18n(next);
		document.documentElement.lang = next;
		await writePreference(appDb(), preferenceKey, next);
	}
}

export const localeState = new LocaleState();
