import { z } from 'zod';
import { isoDateTimeSchema } from './common.js';

const deviceNameSchema = z
	.string()
	.trim()
	.min(1, 'must not be empty')
	.max(100, 'must be at most 100 characters');
const tokenSchema = z
	.string()
	.min(1, 'must not be empty')
	.max(200, 'must be at most 200 characters');

/** POST /api/v1/workspaces — the operator's invite token (unless registration is open). */
export const registerWorkspaceRequestSchema = z.strictObject({
	inviteToken: tokenSchema.optional(),
	workspaceName: z.string().trim().min(1).max(200).optional(),
	deviceName: deviceNameSchema
});
export type RegisterWorkspaceRequest = z.infer<typeof registerWorkspaceRequestSchema>;

/** POST /api/v1/join — a single-use join token made by a device already in the workspace. */
export const joinRequestSchema = z.strictObject({
	joinToken: tokenSchema,
	deviceName: deviceNameSchema
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** 201 of register and join: the device token is shown once; store it. */
export const deviceCredentialsSchema = z.object({
	workspaceId: z.uuid(),
	deviceId: z.uuid(),
	deviceToken: z.string().min(1)
});
export type DeviceCredentials = z.infer<typeof deviceCredentialsSchema>;

export const sessionSchema = z.object({
	workspaceId: z.uuid(),
	deviceId: z.uuid(),
	deviceName: z.string()
});
export type Session = z.infer<typeof sessionSchema>;

export const joinTokenSchema = z.object({
	joinToken: z.string().min(1),
	expiresAt: isoDateTimeSchema,
	joinUrl: z.url()
});
export type JoinToken = z.infer<typeof joinTokenSchema>;

/**
 * The device that registered the workspace is its owner: only it adds devices, revokes other
 * devices and hands ownership on. Every device may revoke itself, the owner only as the last
 * active one (relay/README.md, "Devices: who may revoke whom").
 */
export const deviceRoleSchema = z.enum(['owner', 'member']);
export type DeviceRole = z.infer<typeof deviceRoleSchema>;

export const deviceSchema = z.object({
	deviceId: z.uuid(),
	name: z.string(),
	role: deviceRoleSchema,
	createdAt: isoDateTimeSchema,
	lastSeenAt: isoDateTimeSchema.nullable(),
	revokedAt: isoDateTimeSchema.nullable(),
	current: z.boolean()
});
export type Device = z.infer<typeof deviceSchema>;

export const deviceListSchema = z.object({ devices: z.array(deviceSchema) });
export const revokeResultSchema = z.object({ deviceId: z.string(), revoked: z.literal(true) });

/** PUT …/owner — the owner hands ownership to another active device of the workspace. */
export const handOverRequestSchema = z.strictObject({
	deviceId: z.uuid({ message: 'must be a device id (UUID)' })
});
export type HandOverRequest = z.infer<typeof handOverRequestSchema>;
export const handOverResultSchema = z.object({ ownerDeviceId: z.uuid() });

/** Query parameters the app's Settings → Relay page handles: ?invite= registers, ?join= joins. */
export const relayLinkQuerySchema = z.object({
	invite: tokenSchema.optional(),
	join: tokenSchema.optional()
});
