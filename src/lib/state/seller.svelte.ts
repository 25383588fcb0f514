import {
	SELLER_PROFILE_DEFAULTS,
	SELLER_PROFILE_SCHEMA_VERSION,
	sellerProfileSchema,
	type SellerProfile
} from '$lib/document';
import {
	appDb,
	SELLER_PROFILE_ID,
	SellerRepo,
	type BillfoldDb,
	type StoredFile
} from '$lib/storage';
import { browserEffects, type StoreEffects } from './settings-effects';

/** A profile with the default settings and no legal fields yet, for a workspace's first save. */
export function blankSellerProfile(now: string): SellerProfile {
	return {
		id: SELLER_PROFILE_ID,
		schemaVersion: SELLER_PROFILE_SCHEMA_VERSION,
		createdAt: now,
		updatedAt: now,
		...SELLER_PROFILE_DEFAULTS,
		paymentTerms: { ...SELLER_PROFILE_DEFAULTS.paymentTerms },
		numbering: { ...SELLER_PROFILE_DEFAULTS.numbering },
		vatCodes: [...SELLER_PROFILE_DEFAULTS.vatCodes]
	};
}

/**
 * The one way a seller profile is written. The record is parsed before it reaches storage, so a
 * bug in a form can never store a profile other code cannot read back.
 */
export async function writeSellerProfile(
	db: BillfoldDb,
	profile: SellerProfile,
	now: string
): Promise<SellerProfile> {
	const record = sellerProfileSchema.parse({ ...profile, id: SELLER_PROFILE_ID, updatedAt: now });
	await new SellerRepo(db, sellerProfileSchema).put(record, now);
	return record;
}

export class SellerStore {
	/** The saved profile; undefined until loaded or while none was ever saved. */
	profile = $state<SellerProfile>();
	loaded = $state(false);

	constructor(
		private readonly db: () => BillfoldDb,
		private readonly effects: StoreEffects = browserEffects
	) {}

	private now(): string {
		return this.effects.now();
	}

	get repo(): SellerRepo<SellerProfile> {
		return new SellerRepo(this.db(), sellerProfileSchema);
	}

	async load(): Promise<SellerProfile | undefined> {
		this.profile = await this.repo.get();
		this.loaded = true;
		return this.profile;
	}

	/** The saved profile, or a blank one with default settings. */
	async current(): Promise<SellerProfile> {
		return (await this.repo.get()) ?? blankSellerProfile(this.now());
	}

	/** The saved profile, or a blank one while none is saved; reactive. */
	get profileOrBlank(): SellerProfile {
		return this.profile ?? blankSellerProfile(this.effects.now());
	}

	today(): string {
		return this.effects.today();
	}

	/** The stored terms-of-sale PDF, whether or not it is appended to invoices. */
	async termsFile(
		profile: SellerProfile | undefined = this.profile
	): Promise<StoredFile | undefined> {
		const id = profile?.termsOfSaleAttachmentId;
		return id ? this.repo.getFile(id) : undefined;
	}

	/** The bytes to append to an invoice PDF, only when the seller asked for it. */
	async termsToAppend(
		profile: SellerProfile | undefined = this.profile
	): Promise<Uint8Array | undefined> {
		if (!profile?.appendTermsToPdf) return undefined;
		const file = await this.termsFile(profile);
		return file ? new Uint8Array(await file.blob.arrayBuffer()) : undefined;
	}

	/** Reads the newest saved profile, applies `change` and writes it: forms change only their part. */
	async update(change: (profile: SellerProfile) => SellerProfile): Promise<SellerProfile> {
		const saved = await writeSellerProfile(this.db(), change(await this.current()), this.now());
		this.profile = saved;
		await this.effects.afterSave();
		return saved;
	}
}

export const sellerStore = new SellerStore(appDb);
