import { randomUUID } from 'node:crypto';
import { refusalMessage } from '../auth/device-policy.js';
import { inviteAccepted } from '../auth/invite.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { isoTime } from '../clock.js';
import { forbidden, HttpError, notFound, unauthorized } from '../http/errors.js';
import type { Route } from '../http/router.js';
import { presentDevice } from './presenters.js';
import {
	handOverRequestSchema,
	joinRequestSchema,
	registerWorkspaceRequestSchema
} from '../protocol/index.js';
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
					if (!(await inviteAccepted(s.config.inviteToken, s.storage.operator, body.inviteToken)))
						throw unauthorized('The invite token is not valid.');
				}
				const at = s.clock.now();
				const workspaceId = randomUUID();
				const deviceId = randomUUID();
				const deviceToken = newToken('dev');
				await s.storage.workspaces.create(
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
				const outcome = await s.storage.joinTokens.consume(hashToken(body.joinToken), at, {
					id: deviceId,
					name: body.deviceName,
					tokenHash: hashToken(deviceToken),
					createdAt: at
				});
				await s.storage.durable();
				if (outcome.kind !== 'joined') {
					const why = {
						invalid: 'is not valid',
						expired: 'has expired',
						used: 'was already used',
						withdrawn:
							'was withdrawn (the device that made it was revoked or is no longer the owner)'
					}[outcome.kind];
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
			async handle(ctx) {
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
				const outcome = await s.storage.joinTokens.create({
					tokenHash: hashToken(joinToken),
					workspaceId: auth.workspaceId,
					createdBy: auth.deviceId,
					createdAt: at,
					expiresAt
				});
				if (outcome.kind === 'refused')
					throw forbidden(refusalMessage(outcome.refusal, 'add devices', outcome.ownerName));
				await s.storage.durable();
				const joinUrl = `${s.baseUrl()}/settings/relay?join=${encodeURIComponent(joinToken)}`;
				return { status: 201, json: { joinToken, expiresAt: isoTime(expiresAt), joinUrl } };
			}
		},
		{
			method: 'GET',
			path: '/api/v1/workspaces/:workspaceId/devices',
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const devices = (await s.storage.devices.list(auth.workspaceId)).map((d) =>
					presentDevice(d, auth.deviceId)
				);
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
				const outcome = await s.storage.devices.revoke(
					auth.workspaceId,
					deviceId,
					auth.deviceId,
					at
				);
				await s.storage.durable();
				if (outcome.kind === 'not-found') throw notFound('No such device.');
				if (outcome.kind === 'other-workspace')
					throw forbidden('That device belongs to another workspace.');
				if (outcome.kind === 'refused')
					throw forbidden(
						refusalMessage(outcome.refusal, 'revoke other devices', outcome.ownerName)
					);
				if (outcome.kind === 'revoked') {
					s.deviceRevoked(deviceId);
					s.log.info('device-revoked', {
						requestId: ctx.requestId,
						workspaceId: auth.workspaceId,
						deviceId,
						by: auth.deviceId,
						withdrawnJoinTokens: outcome.withdrawnJoinTokens
					});
				}
				return { status: 200, json: { deviceId, revoked: true } };
			}
		},
		{
			method: 'PUT',
			path: '/api/v1/workspaces/:workspaceId/owner',
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const body = validate(handOverRequestSchema, await ctx.body());
				const outcome = await s.storage.devices.handOver(
					body.deviceId,
					{ kind: 'device', deviceId: auth.deviceId },
					s.clock.now()
				);
				await s.storage.durable();
				switch (outcome.kind) {
					case 'refused':
						throw forbidden(
							refusalMessage(outcome.refusal, 'make another device the owner', outcome.ownerName)
						);
					case 'not-found':
						throw new HttpError(404, 'not-found', 'No such device.', [
							{ path: 'deviceId', message: 'is not a device of this workspace' }
						]);
					case 'other-workspace':
						throw forbidden('That device belongs to another workspace.');
					case 'revoked':
						throw new HttpError(409, 'conflict', 'A revoked device cannot become the owner.', [
							{ path: 'deviceId', message: 'is revoked' }
						]);
					case 'handed-over':
					case 'already-owner':
						s.log.info('owner-changed', {
							requestId: ctx.requestId,
							workspaceId: auth.workspaceId,
							deviceId: body.deviceId,
							by: auth.deviceId
						});
						return { status: 200, json: { ownerDeviceId: body.deviceId } };
				}
			}
		}
	];
}

export function requireAuth<T>(auth: T | null): T {
	if (auth === null) throw new HttpError(401, 'unauthorized', 'A device token is required.');
	return auth;
}
