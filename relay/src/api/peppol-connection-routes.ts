import { AccessPointError } from '../access-point/access-point-error.js';
import { CREDENTIAL_SCHEMAS, isProviderId, PROVIDERS } from '../access-point/providers.js';
import { ownerOnlyRefusal, refusalMessage } from '../auth/device-policy.js';
import { forbidden, HttpError, invalidRequest } from '../http/errors.js';
import type { DeviceAuth, Route } from '../http/router.js';
import { requireAuth } from './auth-routes.js';
import {
	PEPPOL_ERROR_STATUS,
	peppolConnectRequestSchema,
	peppolRegistrationRequestSchema
} from '../protocol/peppol-connection.js';
import type { ApiServices } from './services.js';
import type { DeviceStore } from '../storage/device-stores.js';
import { validate } from './validate.js';

const BASE = '/api/v1/workspaces/:workspaceId/peppol';

/** A provider's refusal as the relay's typed error body, naming the credential field where known. */
export function accessPointHttpError(error: AccessPointError): HttpError {
	const fields =
		error.field === null
			? undefined
			: [
					{
						path: error.field === 'participantIds' ? error.field : `credentials.${error.field}`,
						message: error.message
					}
				];
	return new HttpError(
		PEPPOL_ERROR_STATUS[error.code],
		error.code,
		error.message,
		fields,
		undefined,
		error.providerMessage
	);
}

async function typed<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (error instanceof AccessPointError) throw accessPointHttpError(error);
		throw error;
	}
}

/** Refuses (403, naming the owner device) unless `auth` is its workspace's active owner. */
export async function requireOwnerDevice(
	devices: DeviceStore,
	auth: DeviceAuth,
	action: string
): Promise<void> {
	const all = await devices.list(auth.workspaceId);
	const actor = all.find((d) => d.id === auth.deviceId);
	const refusal = actor === undefined ? 'not-owner' : ownerOnlyRefusal(actor);
	if (refusal === undefined) return;
	const owner = all.find((d) => d.role === 'owner' && d.revokedAt === null);
	throw forbidden(refusalMessage(refusal, action, owner?.name ?? null));
}

/**
 * The Peppol connection of a workspace (/work/prompts/peppol-contract.md): every device reads it;
 * only the owner device connects, tests, disconnects and registers, since the account sends
 * legally binding invoices in the company's name.
 */
export function peppolConnectionRoutes(s: ApiServices): Route[] {
	const requireOwner = (auth: DeviceAuth, action: string): Promise<void> =>
		requireOwnerDevice(s.storage.devices, auth, action);

	return [
		{
			method: 'GET',
			path: '/api/v1/peppol/providers',
			auth: 'none',
			handle: () => ({ status: 200, json: { providers: PROVIDERS } })
		},
		{
			method: 'GET',
			path: `${BASE}/connection`,
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				return { status: 200, json: await s.peppolConnections.status(auth.workspaceId) };
			}
		},
		{
			method: 'PUT',
			path: `${BASE}/connection`,
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				await requireOwner(auth, 'connect a Peppol access point');
				const body = validate(peppolConnectRequestSchema, await ctx.body());
				const provider = body.provider;
				if (!isProviderId(provider))
					throw new HttpError(400, 'invalid-request', `Unknown provider ${provider}.`, [
						{
							path: 'provider',
							message: `must be one of ${PROVIDERS.map((p) => p.id).join(', ')}`
						}
					]);
				const credentials = CREDENTIAL_SCHEMAS[provider].safeParse(body.credentials);
				if (!credentials.success) {
					const error = invalidRequest(credentials.error);
					const fields = (error.fields ?? []).map((f) => ({
						...f,
						path: `credentials.${f.path}`
					}));
					throw new HttpError(400, 'invalid-request', error.message, fields);
				}
				const status = await typed(() =>
					s.peppolConnections.connect(auth.workspaceId, provider, credentials.data)
				);
				return { status: 200, json: status };
			}
		},
		{
			method: 'POST',
			path: `${BASE}/connection/test`,
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				await requireOwner(auth, 'test the Peppol connection');
				return {
					status: 200,
					json: await typed(() => s.peppolConnections.test(auth.workspaceId))
				};
			}
		},
		{
			method: 'DELETE',
			path: `${BASE}/connection`,
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				await requireOwner(auth, 'disconnect the Peppol access point');
				await s.peppolConnections.disconnect(auth.workspaceId);
				await s.storage.durable();
				return { status: 204 };
			}
		},
		{
			method: 'GET',
			path: `${BASE}/registration`,
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				return {
					status: 200,
					json: await typed(() => s.peppolConnections.registration(auth.workspaceId))
				};
			}
		},
		{
			method: 'PUT',
			path: `${BASE}/registration`,
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				await requireOwner(auth, 'register the workspace on Peppol');
				const body = validate(peppolRegistrationRequestSchema, await ctx.body());
				return {
					status: 200,
					json: await typed(() =>
						s.peppolConnections.register(auth.workspaceId, body.participantIds)
					)
				};
			}
		},
		{
			method: 'DELETE',
			path: `${BASE}/registration`,
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				await requireOwner(auth, 'unregister the workspace from Peppol');
				const body = validate(peppolRegistrationRequestSchema, await ctx.body());
				return {
					status: 200,
					json: await typed(() =>
						s.peppolConnections.unregister(auth.workspaceId, body.participantIds)
					)
				};
			}
		}
	];
}
