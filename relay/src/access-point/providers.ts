import { z } from 'zod';
import type { ProviderDescriptor } from '../protocol/peppol-connection.js';
import type { AccessPoint, ProviderId, ProviderRef } from './access-point.js';
import { createLetsPeppolAccessPoint, LETSPEPPOL } from './letspeppol.js';
import { createRecommandAccessPoint, RECOMMAND } from './recommand.js';

/** Where each provider's API lives: operator configuration, never user input (no SSRF). */
export interface ProviderEndpoints {
	recommandUrl: string;
	letsPeppolUrl: string;
	letsPeppolKycUrl: string;
	timeoutMs: number;
	/** Let's Peppol sends asynchronously: how often and how long one attempt follows a document. */
	pollMs: number;
	followMs: number;
	/** Aborted when the relay stops, so no send waits on a provider past shutdown. */
	signal?: AbortSignal;
}

/**
 * The providers a workspace can connect, as the app renders them (GET /api/v1/peppol/providers).
 * A new provider is a descriptor, a credentials schema and an adapter here; the app needs no change.
 */
export const PROVIDERS: readonly ProviderDescriptor[] = [
	{
		id: LETSPEPPOL.id,
		name: LETSPEPPOL.name,
		website: 'https://letspeppol.org',
		pricing:
			'Free: a non-profit access point (BARGE vzw) for small businesses, funded by sponsors and donations.',
		credentialsHelpUrl: 'https://letspeppol.org/join',
		migrationHelpUrl: 'https://letspeppol.org/en',
		registersSchemes: ['0208'],
		fields: [
			{
				key: 'email',
				label: 'E-mail address of your Let’s Peppol account',
				secret: false,
				required: true,
				pattern: '^[^@\\s]+@[^@\\s]+$',
				hint: 'The address you signed up with at letspeppol.org.'
			},
			{ key: 'password', label: 'Password', secret: true, required: true }
		]
	},
	{
		id: RECOMMAND.id,
		name: RECOMMAND.name,
		website: 'https://recommand.eu',
		pricing:
			'Paid plans by company and document volume (see recommand.eu/en/pricing), with a free playground team for testing.',
		credentialsHelpUrl: 'https://recommand.eu/en/docs/authentication-guide',
		migrationHelpUrl: 'https://recommand.eu/docs',
		registersSchemes: ['0208', '9925'],
		fields: [
			{
				key: 'apiKey',
				label: 'API key',
				secret: false,
				required: true,
				pattern: '^\\S{1,200}$',
				hint: 'Create one under API keys at app.recommand.eu.'
			},
			{ key: 'apiSecret', label: 'API secret', secret: true, required: true },
			{
				key: 'companyId',
				label: 'Company id',
				secret: false,
				required: true,
				pattern: '^[A-Za-z0-9_-]{1,100}$',
				hint: 'Shown on the company’s page at app.recommand.eu/companies (starts with c_).'
			}
		]
	}
];

const recommandCredentials = z.strictObject({
	apiKey: z.string().trim().min(1, 'is required').max(200),
	apiSecret: z.string().min(1, 'is required').max(500),
	companyId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a Recommand company id')
});
const letsPeppolCredentials = z.strictObject({
	email: z.string().trim().min(3, 'is required').max(320),
	password: z.string().min(1, 'is required').max(500)
});

export const CREDENTIAL_SCHEMAS = {
	recommand: recommandCredentials,
	letspeppol: letsPeppolCredentials
} as const satisfies Record<ProviderId, z.ZodType>;

export type Credentials = Record<string, string>;

export function isProviderId(id: string): id is ProviderId {
	return id === 'recommand' || id === 'letspeppol';
}

export function providerRef(id: ProviderId): ProviderRef {
	return id === 'recommand' ? RECOMMAND : LETSPEPPOL;
}

/** A masked reminder of which account is connected: never a secret, never more than 4 characters of one. */
export function credentialHint(id: ProviderId, credentials: Credentials): string {
	const tail = (value: string | undefined) => (value === undefined ? '' : value.slice(-4));
	if (id === 'recommand')
		return `key …${tail(credentials['apiKey'])}, company ${credentials['companyId'] ?? ''}`;
	const email = credentials['email'] ?? '';
	const at = email.indexOf('@');
	return at > 0 ? `${email.slice(0, 1)}…${email.slice(at)}` : '…';
}

export function createAccessPoint(
	id: ProviderId,
	credentials: Credentials,
	endpoints: ProviderEndpoints,
	fetchImpl: typeof fetch
): AccessPoint {
	if (id === 'recommand') {
		const c = recommandCredentials.parse(credentials);
		return createRecommandAccessPoint({
			...c,
			baseUrl: endpoints.recommandUrl,
			timeoutMs: endpoints.timeoutMs,
			fetch: fetchImpl
		});
	}
	const c = letsPeppolCredentials.parse(credentials);
	return createLetsPeppolAccessPoint({
		...c,
		baseUrl: endpoints.letsPeppolUrl,
		kycUrl: endpoints.letsPeppolKycUrl,
		timeoutMs: endpoints.timeoutMs,
		pollMs: endpoints.pollMs,
		followMs: endpoints.followMs,
		signal: endpoints.signal,
		fetch: fetchImpl
	});
}
