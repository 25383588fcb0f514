import type { Language } from '$lib/language';
import { z } from 'zod';
import { normalizeEnterpriseNumber, normalizeVatNumber } from '$lib/contacts';
import type { SellerProfile } from '$lib/document';
import { checkSellerProfile, type Issue, type SellerLegalFields } from '$lib/legal';
import { appDb, type BillfoldDb } from '$lib/storage';
import { FormDraft } from './settings-form-draft.svelte.js';
import { sellerStore, type SellerStore } from './seller.svelte.js';

/** The legal profile as typed: every field is text, so half-typed values survive a reload. */
export const sellerIdentityValuesSchema = z.object({
	name: z.string(),
	tradingName: z.string(),
	legalForm: z.string(),
	street: z.string(),
	postalCode: z.string(),
	city: z.string(),
	countryCode: z.string(),
	enterpriseNumber: z.string(),
	smallBusinessExemption: z.boolean(),
	vatNumber: z.string(),
	registerOfLegalEntities: z.string(),
	iban: z.string(),
	bic: z.string(),
	email: z.string(),
	phone: z.string(),
	website: z.string(),
	peppolId: z.string()
});
export type SellerIdentityValues = z.infer<typeof sellerIdentityValuesSchema>;
export type SellerIdentityField = keyof SellerIdentityValues;

export function identityValuesOf(profile: SellerProfile): SellerIdentityValues {
	return {
		name: profile.name ?? '',
		tradingName: profile.tradingName ?? '',
		legalForm: profile.legalForm ?? '',
		street: profile.address?.street ?? '',
		postalCode: profile.address?.postalCode ?? '',
		city: profile.address?.city ?? '',
		countryCode: profile.address?.countryCode ?? 'BE',
		enterpriseNumber: profile.enterpriseNumber ?? '',
		smallBusinessExemption: profile.smallBusinessExemption,
		vatNumber: profile.vatNumber ?? '',
		registerOfLegalEntities: profile.registerOfLegalEntities ?? '',
		iban: profile.iban ?? '',
		bic: profile.bic ?? '',
		email: profile.email ?? '',
		phone: profile.phone ?? '',
		website: profile.website ?? '',
		peppolId: profile.peppolId ?? ''
	};
}

const text = (value: string): string | undefined => value.trim() || undefined;
const compact = (value: string): string | undefined =>
	value.replace(/\s+/g, '').toUpperCase() || undefined;

/** Stored in the canonical forms the invoice and UBL need ("0123456749", "BE…", IBAN without spaces). */
export function applyIdentity(profile: SellerProfile, values: SellerIdentityValues): SellerProfile {
	const enterpriseNumber = text(values.enterpriseNumber);
	const vatNumber = text(values.vatNumber);
	return {
		...profile,
		name: text(values.name),
		tradingName: text(values.tradingName),
		legalForm: text(values.legalForm),
		address: {
			street: text(values.street),
			postalCode: text(values.postalCode),
			city: text(values.city),
			countryCode: text(values.countryCode)?.toUpperCase()
		},
		enterpriseNumber: enterpriseNumber && normalizeEnterpriseNumber(enterpriseNumber),
		smallBusinessExemption: values.smallBusinessExemption,
		vatNumber: vatNumber && normalizeVatNumber(vatNumber),
		registerOfLegalEntities: text(values.registerOfLegalEntities),
		iban: compact(values.iban),
		bic: compact(values.bic),
		email: text(values.email),
		phone: text(values.phone),
		website: text(values.website),
		peppolId: text(values.peppolId)
	};
}

export function legalFieldsOf(values: SellerIdentityValues): SellerLegalFields {
	return {
		name: values.name,
		legalForm: values.legalForm,
		address: {
			street: values.street,
			postalCode: values.postalCode,
			city: values.city,
			countryCode: values.countryCode
		},
		enterpriseNumber: values.enterpriseNumber,
		vatNumber: values.vatNumber,
		smallBusinessExemption: values.smallBusinessExemption,
		iban: values.iban,
		bic: values.bic,
		email: values.email,
		peppolId: values.peppolId || undefined
	};
}

/** Issue path → the form field it belongs to ("address.city" → "city"). */
export function fieldOfIssue(issue: Issue): SellerIdentityField {
	const last = issue.path.split('.').pop() ?? issue.path;
	return (last in sellerIdentityValuesSchema.shape ? last : 'name') as SellerIdentityField;
}

/**
 * An empty field is not an error while the profile is being filled in: the checklist shows what
 * is missing. A filled-in field that breaks a rule (wrong check digits, malformed IBAN or e-mail)
 * is, and it blocks the save so a wrong number never reaches an invoice.
 */
export function blockingIssues(values: SellerIdentityValues, issues: readonly Issue[]): Issue[] {
	return issues.filter((issue) => values[fieldOfIssue(issue)].toString().trim() !== '');
}

export type SaveResult = { ok: true } | { ok: false; errors: Issue[] };

export class SellerIdentityForm {
	readonly draft: FormDraft<SellerIdentityValues>;
	/** Set by the first save attempt; from then on errors follow the typing. */
	attempted = $state(false);

	constructor(
		db: BillfoldDb,
		private readonly store: SellerStore
	) {
		this.draft = new FormDraft(db, {
			key: 'seller-profile:identity',
			saved: async () => identityValuesOf(await store.current()),
			parse: (value) => sellerIdentityValuesSchema.safeParse(value).data
		});
	}

	/** Everything the profile still lacks or gets wrong, in `language`. */
	issues(language: Language): Issue[] {
		return checkSellerProfile(legalFieldsOf(this.draft.value), { language });
	}

	/** Errors to show next to each field, once the user tried to save. */
	fieldErrors(language: Language): Partial<Record<SellerIdentityField, string>> {
		if (!this.attempted) return {};
		const errors: Partial<Record<SellerIdentityField, string>> = {};
		for (const issue of blockingIssues(this.draft.value, this.issues(language))) {
			errors[fieldOfIssue(issue)] ??= issue.message;
		}
		return errors;
	}

	async save(language: Language = 'en'): Promise<SaveResult> {
		this.attempted = true;
		await this.draft.flushed();
		const values = $state.snapshot(this.draft.value);
		const errors = blockingIssues(values, this.issues(language));
		if (errors.length > 0) return { ok: false, errors };
		await this.store.update((profile) => applyIdentity(profile, values));
		// Show what was stored: numbers in their canonical form ("0123456749", IBAN without spaces).
		await this.draft.discard();
		this.attempted = false;
		return { ok: true };
	}
}

/** The form for the settings page, on the app's database. */
export function createSellerIdentityForm(): SellerIdentityForm {
	return new SellerIdentityForm(appDb(), sellerStore);
}
