import {
	peppolConnectRequestSchema,
	peppolConnectionStatusSchema,
	peppolRegistrationRequestSchema,
	peppolRegistrationSchema,
	providerListSchema,
	relayPaths,
	type PeppolConnectRequest,
	type PeppolConnectionStatus,
	type PeppolRegistration,
	type ProviderDescriptor
} from '$protocol';
import { z } from 'zod';
import {
	invalidRequest,
	relayRequest,
	workspaceScoped,
	type RelayClientOptions,
	type RelayResult
} from './client';

/** The relay's Peppol connection routes for one workspace (the contract in the relay README). */
export interface PeppolConnectionClient {
	providers(): Promise<RelayResult<ProviderDescriptor[]>>;
	connection(): Promise<RelayResult<PeppolConnectionStatus>>;
	/** The relay tests the credentials at the provider and stores them only if they work. */
	connect(request: PeppolConnectRequest): Promise<RelayResult<PeppolConnectionStatus>>;
	test(): Promise<RelayResult<PeppolConnectionStatus>>;
	disconnect(): Promise<RelayResult<void>>;
	registration(): Promise<RelayResult<PeppolRegistration>>;
	register(participantIds: string[]): Promise<RelayResult<PeppolRegistration>>;
	unregister(participantIds: string[]): Promise<RelayResult<PeppolRegistration>>;
}

const noContent = z.undefined();

export function createPeppolConnectionClient(
	options: Pick<RelayClientOptions, 'baseUrl' | 'fetch' | 'credentials'>
): PeppolConnectionClient {
	const scoped = workspaceScoped(options.credentials);
	const registrationCall = (method: 'PUT' | 'DELETE', participantIds: string[]) =>
		scoped(async (ws) => {
			const parsed = peppolRegistrationRequestSchema.safeParse({ participantIds });
			if (!parsed.success) return invalidRequest(parsed.error);
			return relayRequest(
				options,
				method,
				relayPaths.peppolRegistration(ws),
				peppolRegistrationSchema,
				parsed.data
			);
		});

	return {
		async providers() {
			const result = await relayRequest(
				options,
				'GET',
				relayPaths.peppolProviders,
				providerListSchema
			);
			return result.ok ? { ok: true, value: result.value.providers } : result;
		},
		connection: () =>
			scoped((ws) =>
				relayRequest(options, 'GET', relayPaths.peppolConnection(ws), peppolConnectionStatusSchema)
			),
		connect: (request) =>
			scoped(async (ws) => {
				const parsed = peppolConnectRequestSchema.safeParse(request);
				if (!parsed.success) return invalidRequest(parsed.error);
				return relayRequest(
					options,
					'PUT',
					relayPaths.peppolConnection(ws),
					peppolConnectionStatusSchema,
					parsed.data
				);
			}),
		test: () =>
			scoped((ws) =>
				relayRequest(
					options,
					'POST',
					relayPaths.peppolConnectionTest(ws),
					peppolConnectionStatusSchema
				)
			),
		disconnect: () =>
			scoped((ws) => relayRequest(options, 'DELETE', relayPaths.peppolConnection(ws), noContent)),
		registration: () =>
			scoped((ws) =>
				relayRequest(options, 'GET', relayPaths.peppolRegistration(ws), peppolRegistrationSchema)
			),
		register: (participantIds) => registrationCall('PUT', participantIds),
		unregister: (participantIds) => registrationCall('DELETE', participantIds)
	};
}
