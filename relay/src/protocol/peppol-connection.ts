import { z } from 'zod';

/*
 * The Peppol connection of a workspace: which access-point provider it sends and receives
 * through, with which credentials, and which participant ids it is registered under.
 */

const isoDateTime = z.iso.datetime({ offset: true });

/** A provider's id; the relay answers which ones it offers (GET /api/v1/peppol/providers). */
export const peppolProviderIdSchema = z
	.string()
	.regex(/^[a-z][a-z0-9-]{1,31}$/, 'must be a provider id such as "recommand"');
export const PEPPOL_PROVIDER_IDS = ['letspeppol', 'recommand'] as const;

/** "0208:0123456749": ISO 6523 ICD (EAS), a colon, the identifier. */
export const participantIdSchema = z
	.string()
	.regex(
		/^\d{4}:[A-Za-z0-9._+-]{1,100}$/,
		'must be a Peppol participant id such as 0208:0123456749'
	);

const fieldKeySchema = z
	.string()
	.regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a field key of letters, digits and "_"');

/** One credential the connection form asks for; the app renders the form from these. */
export const providerFieldSchema = z.object({
	key: fieldKeySchema,
	/** English; the app shows peppol.provider.<id>.<key> where it has a translation. */
	label: z.string().min(1),
	/** Secret fields are typed into password inputs and never come back from the relay. */
	secret: z.boolean(),
	required: z.boolean(),
	/** A JavaScript regular expression (without slashes) the whole value must match. */
	pattern: z.string().optional(),
	hint: z.string().optional()
});
export type ProviderField = z.infer<typeof providerFieldSchema>;

export const providerDescriptorSchema = z.object({
	id: peppolProviderIdSchema,
	name: z.string().min(1),
	website: z.url(),
	/** One English sentence. */
	pricing: z.string(),
	credentialsHelpUrl: z.url(),
	migrationHelpUrl: z.url(),
	/** The participant id schemes the provider registers, e.g. ["0208", "9925"]. */
	registersSchemes: z.array(z.string().regex(/^\d{4}$/, 'must be a 4-digit ICD')),
	fields: z.array(providerFieldSchema)
});
export type ProviderDescriptor = z.infer<typeof providerDescriptorSchema>;

/** GET /api/v1/peppol/providers */
export const providerListSchema = z.object({ providers: z.array(providerDescriptorSchema) });
export type ProviderList = z.infer<typeof providerListSchema>;

/** PUT …/peppol/connection — the relay tests the credentials first and stores them only if they work. */
export const peppolConnectRequestSchema = z.strictObject({
	provider: peppolProviderIdSchema,
	credentials: z.record(fieldKeySchema, z.string().max(4096, 'must be at most 4096 characters'))
});
export type PeppolConnectRequest = z.infer<typeof peppolConnectRequestSchema>;

export const providerRefSchema = z.object({ id: z.string(), name: z.string() });
export type ProviderRef = z.infer<typeof providerRefSchema>;

export const peppolConnectionStatusSchema = z.object({
	/** operator: the access point configured in the relay's environment (a single-company relay). */
	source: z.enum(['workspace', 'operator', 'none']),
	provider: providerRefSchema.nullable(),
	/** Masked, e.g. "key …a3f9"; never a secret. */
	hint: z.string().nullable(),
	state: z.enum(['connected', 'failing', 'not-connected']),
	company: z
		.object({ name: z.string().nullable(), participantIds: z.array(z.string()) })
		.nullable(),
	lastError: z
		.object({
			code: z.string(),
			message: z.string(),
			providerMessage: z.string().nullable(),
			at: isoDateTime
		})
		.nullable(),
	checkedAt: isoDateTime.nullable()
});
export type PeppolConnectionStatus = z.infer<typeof peppolConnectionStatusSchema>;

/** PUT and DELETE …/peppol/registration */
export const peppolRegistrationRequestSchema = z.strictObject({
	participantIds: z
		.array(participantIdSchema)
		.min(1, 'needs at least one participant id')
		.max(10, 'at most 10 participant ids')
});
export type PeppolRegistrationRequest = z.infer<typeof peppolRegistrationRequestSchema>;

export const participantDiscoverySchema = z.object({
	/** unknown: the SML or SMP could not be asked; never shown as "not registered". */
	status: z.enum(['registered', 'not-registered', 'unknown']),
	supports: z.object({ invoice: z.boolean(), creditNote: z.boolean() }),
	reason: z.string().nullable()
});

export const peppolRegistrationSchema = z.object({
	provider: providerRefSchema.nullable(),
	participants: z.array(
		z.object({
			id: z.string(),
			registeredAtProvider: z.boolean(),
			discovery: participantDiscoverySchema
		})
	),
	checkedAt: isoDateTime
});
export type PeppolRegistration = z.infer<typeof peppolRegistrationSchema>;
export type RegisteredParticipant = PeppolRegistration['participants'][number];

/** How the outbox delivered a job: over Peppol through which provider, with its message id. */
export const jobViaSchema = z.discriminatedUnion('channel', [
	z.object({
		channel: z.literal('peppol'),
		provider: providerRefSchema,
		messageId: z.string().nullable()
	}),
	z.looseObject({ channel: z.literal('email') })
]);
export type JobVia = z.infer<typeof jobViaSchema>;

/** The error codes of the Peppol connection routes, with their HTTP status. */
export const PEPPOL_ERROR_STATUS = {
	'peppol-credentials-rejected': 422,
	'peppol-provider-unreachable': 502,
	'peppol-provider-timeout': 504,
	'peppol-provider-bad-answer': 502,
	'peppol-provider-refused': 422,
	'peppol-registered-elsewhere': 409,
	'peppol-not-connected': 409,
	'peppol-sender-not-registered': 422
} as const;
export type PeppolErrorCode = keyof typeof PEPPOL_ERROR_STATUS;
export const PEPPOL_ERROR_CODES = Object.keys(PEPPOL_ERROR_STATUS) as [
	PeppolErrorCode,
	...PeppolErrorCode[]
];
