import { randomUUID } from 'node:crypto';
import { hashToken, newToken, sameSecret } from '../auth/tokens.js';
import { isoTime } from '../clock.js';
import { forbidden, HttpError, notFound, unauthorized } from '../http/errors.js';
import type { Route } from '../http/router.js';
import { presentDevice } from './presenters.js';
import { joinRequestSchema, registerWorkspaceRequestSchema } from './schemas.js';
import type { ApiServices } from './services.js';
import { validate } from './validate.js';

const JOIN_TOKEN_TTL_MS = 15 * 60 * 1000;

export function authRoutes(s: ApiServices): Route[] {
	return [
		{
			method: 'POST',
			path: '/api/v1/workspaces',
			auth: 'none',
			async handle(ctx) {
				const body = validate(registerWorkspaceRequestSchema, await ctx.body());
				if (!s.config.openRegistration) {
					if (body.inviteToken === undefined)
						throw unauthorized('Registering a workspace needs the operator’s invite token.');
					if (!sameSecret(body.inviteToken, s.inviteToken))
						throw unauthorized('The invite token is not valid.');
				}
				const at = s.clock.now();
				const workspaceId = randomUUID();
				const deviceId = randomUUID();
				const deviceToken = newToken('dev');
				s.storage.workspaces.create(
					{ id: workspaceId, name: body.workspaceName ?? null, createdAt: at },
					{
						id: deviceId,
						workspaceId,
						name: body.deviceName,
						tokenHash: hashToken(deviceToken),
						createdAt: at
					}
				);
				await s.storage.durable();
				s.log.info('workspace-registered', { requestId: ctx.requestId, workspaceId, deviceId });
				return { status: 201, json: { workspaceId, deviceId, deviceToken } };
			}
		},
		{
			method: 'POST',
			path: '/api/v1/join',
			auth: 'none',
			async handle(ctx) {
				const body = validate(joinRequestSchema, await ctx.body());
				const deviceId = randomUUID();
				const deviceToken = newToken('dev');
				const at = s.clock.now();
				const outcome = s.storage.joinTokens.consume(hashToken(body.joinToken), at, {
					id: deviceId,
					name: body.deviceName,
					tokenHash: hashToken(deviceToken),
					createdAt: at
				});
				await s.storage.durable();
				if (outcome.kind !== 'joined') {
					const why = { invalid: 'is not valid', expired: 'has expired', used: 'was already used' }[
						outcome.kind
					];
					throw unauthorized(
						`The join token ${why}; create a new one on a device that is already joined.`
					);
				}
				s.log.info('device-joined', {
					requestId: ctx.requestId,
					workspaceId: outcome.workspaceId,
					deviceId
				});
				return { status: 201, json: { workspaceId: outcome.workspaceId, deviceId, deviceToken } };
			}
		},
		{
			method: 'GET',
			path: '/api/v1/session',
			auth: 'device',
			handle(ctx) {
				const auth = requireAuth(ctx.auth);
				return {
					status: 200,
					json: {
						workspaceId: auth.workspaceId,
						deviceId: auth.deviceId,
						deviceName: auth.deviceName
					}
				};
			}
		},
		{
			method: 'POST',
			path: '/api/v1/workspaces/:workspaceId/join-tokens',
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const joinToken = newToken('join');
				const at = s.clock.now();
				const expiresAt = at + JOIN_TOKEN_TTL_MS;
				s.storage.joinTokens.create({
					tokenHash: hashToken(joinToken),
					workspaceId: auth.workspaceId,
					createdBy: auth.deviceId,
					createdAt: at,
					expiresAt
				});
				await s.storage.durable();
				const joinUrl = `${s.baseUrl()}/settings/relay?join=${encodeURIComponent(joinToken)}`;
				return { status: 201, json: { joinToken, expiresAt: isoTime(expiresAt), joinUrl } };
			}
		},
		{
			method: 'GET',
			path: '/api/v1/workspaces/:workspaceId/devices',
			auth: 'device',
			handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const devices = s.storage.devices
					.list(auth.workspaceId)
					.map((d) => presentDevice(d, auth.deviceId));
				return { status: 200, json: { devices } };
			}
		},
		{
			method: 'DELETE',
			path: '/api/v1/workspaces/:workspaceId/devices/:deviceId',
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const deviceId = ctx.params['deviceId'] ?? '';
				const at = s.clock.now();
				const outcome = s.storage.devices.revoke(auth.workspaceId, deviceId, at);
				await s.storage.durable();
				if (outcome === 'not-found') throw notFound('No such device.');
				if (outcome === 'other-workspace')
					throw forbidden('That device belongs to another workspace.');
				if (outcome === 'revoked') {
					s.deviceRevoked(deviceId);
					s.log.info('device-revoked', {
						requestId: ctx.requestId,
						workspaceId: auth.workspaceId,
						deviceId,
						by: auth.deviceId
					});
				}
				return { status: 200, json: { deviceId, revoked: true } };
			}
		}
	];
}

export function requireAuth<T>(auth: T | null): T {
	if (auth === null) throw new HttpError(401, 'unauthorized', 'A device token is required.');
	return auth;
}
