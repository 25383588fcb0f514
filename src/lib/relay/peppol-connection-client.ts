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
	mapResult,
	relayRequest,
	workspaceRoutes,
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
	const routes = workspaceRoutes(options);
	const registrationCall = (method: 'PUT' | 'DELETE', participantIds: string[]) =>
		routes.send(
			method,
			relayPaths.peppolRegistration,
			peppolRegistrationRequestSchema,
			{ participantIds },
			peppolRegistrationSchema
		);

	return {
		providers: () =>
			mapResult(
				relayRequest(options, 'GET', relayPaths.peppolProviders, providerListSchema),
				(list) => list.providers
			),
		connection: () => routes.call('GET', relayPaths.peppolConnection, peppolConnectionStatusSchema),
		connect: (request) =>
			routes.send(
				'PUT',
				relayPaths.peppolConnection,
				peppolConnectRequestSchema,
				request,
				peppolConnectionStatusSchema
			),
		test: () => routes.call('POST', relayPaths.peppolConnectionTest, peppolConnectionStatusSchema),
		disconnect: () => routes.call('DELETE', relayPaths.peppolConnection, noContent),
		registration: () => routes.call('GET', relayPaths.peppolRegistration, peppolRegistrationSchema),
		register: (participantIds) => registrationCall('PUT', participantIds),
		unregister: (participantIds) => registrationCall('DELETE', participantIds)
	};
}
