import { z } from 'zod';
import { richTextSchema, type SellerProfile } from '$lib/document';
import { appDb, type BillfoldDb } from '$lib/storage';
import { FormDraft } from './settings-form-draft.svelte.js';
import { sellerStore, type SellerStore } from './seller.svelte.js';
import { pdfImagesFor, type PrepareImage } from './seller-pdf-images';

/** Header and footer as the tiptap editor stores them (`editor.getJSON()`). */
export const sellerLayoutValuesSchema = z.object({
	header: richTextSchema.optional(),
	footer: richTextSchema.optional()
});
export type SellerLayoutValues = z.infer<typeof sellerLayoutValuesSchema>;
export type RichText = z.infer<typeof richTextSchema>;

/** True for a document with nothing in it, which is stored as "no header". */
export function isEmptyRichText(value: RichText | undefined): boolean {
	if (!value) return true;
	const content = value['content'];
	if (!Array.isArray(content)) return true;
	return content.every(
		(node: unknown) =>
			typeof node === 'object' &&
			node !== null &&
			(node as { type?: unknown }).type === 'paragraph' &&
			!(node as { content?: unknown[] }).content?.length
	);
}

export function applyLayout(profile: SellerProfile, values: SellerLayoutValues): SellerProfile {
	return {
		...profile,
		header: isEmptyRichText(values.header) ? undefined : values.header,
		footer: isEmptyRichText(values.footer) ? undefined : values.footer
	};
}

export class SellerLayoutForm {
	readonly draft: FormDraft<SellerLayoutValues>;

	constructor(
		db: BillfoldDb,
		private readonly store: SellerStore,
		private readonly prepare?: PrepareImage
	) {
		this.draft = new FormDraft(db, {
			key: 'seller-profile:layout',
			saved: async () => {
				const profile = await store.current();
				return { header: profile.header, footer: profile.footer };
			},
			parse: (value) => sellerLayoutValuesSchema.safeParse(value).data
		});
	}

	setHeader(value: RichText): void {
		this.draft.value.header = value;
		void this.draft.changed();
	}

	setFooter(value: RichText): void {
		this.draft.value.footer = value;
		void this.draft.changed();
	}

	async save(): Promise<void> {
		await this.draft.flushed();
		const values = sellerLayoutValuesSchema.parse($state.snapshot(this.draft.value));
		// The logo is made into the bytes every PDF embeds now, once, not in each PDF.
		const known = (await this.store.current()).pdfImages;
		const pdfImages = await pdfImagesFor(values.header, values.footer, known, this.prepare);
		await this.store.update((profile) => ({ ...applyLayout(profile, values), pdfImages }));
		await this.draft.discard(false);
	}
}

export function createSellerLayoutForm(): SellerLayoutForm {
	return new SellerLayoutForm(appDb(), sellerStore);
}
