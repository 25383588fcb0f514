import { LANGUAGES, localizedTextSchema } from '$lib/language';
import { z } from 'zod';
import { vatCodeSchema, defaultVatCodes } from '$lib/vat';
import { addressSchema, recordMetaSchema } from '$lib/contacts';
import { cashDiscountTermsSchema } from '$lib/invoice';
import { paymentTermsSchema } from '$lib/payment';
import { DEFAULT_NUMBERING, numberingSettingsSchema } from '$lib/numbering';
import { reminderSettingsSchema } from '$lib/reminders';
import { embeddedImageSchema } from './embedded-image';

export const SELLER_PROFILE_SCHEMA_VERSION = 1;

/** Rich text as the editor (tiptap/ProseMirror) stores it: a JSON document tree. */
export const richTextSchema = z.object({ type: z.literal('doc') }).catchall(z.unknown());

export const emailTemplateSchema = z.object({
	subject: localizedTextSchema,
	body: localizedTextSchema
});

/**
 * The workspace's own business (one per workspace). Legal fields may be incomplete while the
 * user fills them in; checkSellerProfile lists what is missing.
 */
export const sellerProfileSchema = recordMetaSchema.extend({
	name: z.string().trim().optional(),
	tradingName: z.string().trim().min(1).optional(),
	legalForm: z.string().trim().optional(),
	address: addressSchema.partial().optional(),
	enterpriseNumber: z.string().trim().optional(),
	vatNumber: z.string().trim().optional(),
	smallBusinessExemption: z.boolean(),
	registerOfLegalEntities: z.string().trim().min(1).optional(),
	iban: z.string().trim().optional(),
	bic: z.string().trim().optional(),
	email: z.string().trim().optional(),
	phone: z.string().trim().min(1).optional(),
	website: z.string().trim().min(1).optional(),
	peppolId: z.string().trim().min(1).optional(),
	/** Attachment record id of the logo image. */
	logoAttachmentId: z.string().min(1).optional(),
	header: richTextSchema.optional(),
	footer: richTextSchema.optional(),
	/**
	 * The header's and footer's images as the PDF embeds them, made when the layout is saved.
	 * Absent on profiles saved before: their images render as before (decoded per PDF worker).
	 */
	pdfImages: z.array(embeddedImageSchema).max(8).optional(),
	emailTemplates: z
		.object({ invoice: emailTemplateSchema, creditNote: emailTemplateSchema })
		.optional(),
	/**
	 * The acceptance terms printed on a quote, per document language; a language left out prints
	 * the default (pdf/labels.ts `acceptanceTerms`).
	 */
	quoteTerms: z
		.object({
			nl: z.string().trim().max(2000),
			fr: z.string().trim().max(2000),
			en: z.string().trim().max(2000),
			de: z.string().trim().max(2000)
		})
		.partial()
		.optional(),
	/** Payment reminders: schedule, the charges chosen, the text; absent means the defaults. */
	reminders: reminderSettingsSchema.optional(),
	/** Offered on new invoices when set. */
	cashDiscount: cashDiscountTermsSchema.optional(),
	/** Attachment record id of the terms-of-sale PDF. */
	termsOfSaleAttachmentId: z.string().min(1).optional(),
	appendTermsToPdf: z.boolean(),
	paymentTerms: paymentTermsSchema,
	numbering: numberingSettingsSchema,
	/** Language of the operating seat; the default invoice language. */
	invoiceLanguage: z.enum(LANGUAGES),
	/** The workspace's VAT code table; starts as defaultVatCodes and is user-editable. */
	vatCodes: z.array(vatCodeSchema).min(1)
});
export type SellerProfile = z.infer<typeof sellerProfileSchema>;

/** Defaults for the settings part of a new profile (legal fields start empty). */
export const SELLER_PROFILE_DEFAULTS = {
	smallBusinessExemption: false,
	appendTermsToPdf: false,
	paymentTerms: { kind: 'days', days: 30 },
	numbering: DEFAULT_NUMBERING,
	invoiceLanguage: 'nl',
	vatCodes: [...defaultVatCodes]
} as const satisfies Partial<SellerProfile>;
