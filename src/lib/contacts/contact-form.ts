import { z } from 'zod';
// The messages alone: the legal index imports contacts, its messages do not.
import { MESSAGES, type RuleId, type RuleParams } from '$lib/legal/messages';
import { LANGUAGES, type Language } from '$lib/language';
import { CONTACT_SCHEMA_VERSION, contactSchema, type Contact } from './contact';
import { isValidEnterpriseNumber, normalizeEnterpriseNumber } from './enterprise-number';
import { isValidPeppolId } from './peppol-id';
import { isValidVatNumber, normalizeVatNumber, vatNumberCountry } from './vat-number';

/** A contact as typed in the form: text everywhere, so nothing typed is refused before saving. */
export const contactValuesSchema = z.object({
	kind: z.enum(['business', 'private']),
	name: z.string(),
	contactName: z.string(),
	vatNumber: z.string(),
	enterpriseNumber: z.string(),
	street: z.string(),
	postalCode: z.string(),
	city: z.string(),
	countryCode: z.string(),
	email: z.string(),
	phone: z.string(),
	language: z.enum(LANGUAGES),
	customerReference: z.string(),
	peppolId: z.string()
});
export type ContactValues = z.infer<typeof contactValuesSchema>;
export type ContactField = keyof ContactValues;

export function blankContactValues(language: Language): ContactValues {
	return {
		kind: 'business',
		name: '',
		contactName: '',
		vatNumber: '',
		enterpriseNumber: '',
		street: '',
		postalCode: '',
		city: '',
		countryCode: 'BE',
		email: '',
		phone: '',
		language,
		customerReference: '',
		peppolId: ''
	};
}

export function contactValuesOf(contact: Contact): ContactValues {
	return {
		kind: contact.kind,
		name: contact.name,
		contactName: contact.contactName ?? '',
		vatNumber: contact.vatNumber ?? '',
		enterpriseNumber: contact.enterpriseNumber ?? '',
		street: contact.address.street ?? '',
		postalCode: contact.address.postalCode ?? '',
		city: contact.address.city ?? '',
		countryCode: contact.address.countryCode,
		email: contact.email ?? '',
		phone: contact.phone ?? '',
		language: contact.language,
		customerReference: contact.customerReference ?? '',
		peppolId: contact.peppolId ?? ''
	};
}

/**
 * A Belgian VAT number is "BE" + the enterprise number, so for a Belgian company the enterprise
 * number (and with it the Peppol id 0208:…) comes from the VAT number.
 */
export function derivedEnterpriseNumber(values: ContactValues): string | undefined {
	if (values.kind !== 'business') return undefined;
	const vat = normalizeVatNumber(values.vatNumber);
	if (!vat.startsWith('BE') || !isValidVatNumber(vat)) return undefined;
	return normalizeEnterpriseNumber(vat);
}

const EMAIL = z.email();

export type ContactErrors = Partial<Record<ContactField, string>>;

/** Every rule the typed contact breaks, worded in `language`, keyed by the field at fault. */
export function checkContactValues(values: ContactValues, language: Language): ContactErrors {
	const errors: ContactErrors = {};
	const add = (field: ContactField, rule: RuleId, params: RuleParams = {}) => {
		errors[field] ??= MESSAGES[rule].text(params)[language];
	};
	if (values.name.trim() === '') add('name', 'BR-07');
	const vat = values.vatNumber.trim();
	if (values.kind === 'business' && vat !== '' && !isValidVatNumber(vat)) {
		add('vatNumber', 'BE-VAT-NUMBER-INVALID', { value: vat });
	}
	const enterprise = values.enterpriseNumber.trim();
	if (
		values.kind === 'business' &&
		!derivedEnterpriseNumber(values) &&
		enterprise !== '' &&
		!isValidEnterpriseNumber(enterprise)
	) {
		add('enterpriseNumber', 'PEPPOL-COMMON-R043', { value: enterprise });
	}
	if (values.email.trim() !== '' && !EMAIL.safeParse(values.email.trim()).success) {
		add('email', 'BE-EMAIL-INVALID');
	}
	const peppolId = values.peppolId.trim();
	if (values.kind === 'business' && peppolId !== '' && !isValidPeppolId(peppolId)) {
		add('peppolId', 'BE-PEPPOL-ID-INVALID', { value: peppolId });
	}
	return errors;
}

const text = (value: string): string | undefined => value.trim() || undefined;

/** The record for valid `values`; private individuals keep no company identifiers. */
export function contactFromValues(
	values: ContactValues,
	meta: { id: string; createdAt: string; now: string },
	previous?: Contact
): Contact {
	const business = values.kind === 'business';
	const vatNumber = business ? text(values.vatNumber) : undefined;
	const enterpriseNumber = business
		? (derivedEnterpriseNumber(values) ??
			(text(values.enterpriseNumber) && normalizeEnterpriseNumber(values.enterpriseNumber)))
		: undefined;
	const identifiersChanged =
		previous?.vatNumber !== (vatNumber && normalizeVatNumber(vatNumber)) ||
		previous?.enterpriseNumber !== enterpriseNumber ||
		previous?.peppolId !== (business ? text(values.peppolId) : undefined);
	return contactSchema.parse({
		id: meta.id,
		schemaVersion: CONTACT_SCHEMA_VERSION,
		createdAt: meta.createdAt,
		updatedAt: meta.now,
		kind: values.kind,
		name: values.name.trim(),
		contactName: business ? text(values.contactName) : undefined,
		vatNumber: vatNumber && normalizeVatNumber(vatNumber),
		enterpriseNumber,
		address: {
			street: text(values.street),
			postalCode: text(values.postalCode),
			city: text(values.city),
			countryCode: text(values.countryCode)?.toUpperCase() ?? 'BE'
		},
		email: text(values.email),
		phone: text(values.phone),
		language: values.language,
		customerReference: text(values.customerReference),
		peppolId: business ? text(values.peppolId) : undefined,
		// A Peppol answer is about the identifiers it was asked for.
		peppolStatus: identifiersChanged ? undefined : previous?.peppolStatus,
		archived: previous?.archived
	});
}

/**
 * A Belgian VAT-registered business must get structured invoices; with no Peppol registration and
 * no e-mail address there is no way to deliver one.
 */
export function hasNoDeliveryChannel(contact: Contact): boolean {
	return (
		contact.kind === 'business' &&
		contact.address.countryCode === 'BE' &&
		contact.vatNumber !== undefined &&
		vatNumberCountry(contact.vatNumber) === 'BE' &&
		contact.peppolStatus?.registered !== true &&
		contact.email === undefined
	);
}
