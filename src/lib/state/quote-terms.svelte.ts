import { LANGUAGES, type Language } from '$lib/language';
import { sellerStore, type SellerStore } from './seller.svelte.js';

export const MAX_QUOTE_TERMS = 2000;

/** The acceptance terms printed on quotes, one text per document language; empty: the default. */
export class QuoteTermsSettings {
	texts = $state<Record<Language, string>>({ nl: '', fr: '', en: '', de: '' });
	loaded = $state(false);
	saving = $state(false);
	saved = $state(false);
	readonly tooLong: Language[] = $derived(
		LANGUAGES.filter((language) => this.texts[language].trim().length > MAX_QUOTE_TERMS)
	);

	constructor(private readonly store: SellerStore = sellerStore) {}

	async load(): Promise<void> {
		const terms = (await this.store.current()).quoteTerms ?? {};
		this.texts = {
			nl: terms.nl ?? '',
			fr: terms.fr ?? '',
			en: terms.en ?? '',
			de: terms.de ?? ''
		};
		this.loaded = true;
	}

	/** Keeps the texts; refused (nothing written) while one is longer than the PDF can carry. */
	async save(): Promise<boolean> {
		this.saved = false;
		if (this.tooLong.length > 0) return false;
		this.saving = true;
		try {
			const kept = Object.fromEntries(
				LANGUAGES.flatMap((language) => {
					const text = this.texts[language].trim();
					return text ? [[language, text]] : [];
				})
			);
			await this.store.update((profile) => ({ ...profile, quoteTerms: kept }));
			this.saved = true;
			return true;
		} finally {
			this.saving = false;
		}
	}
}
