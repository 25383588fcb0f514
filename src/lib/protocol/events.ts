import { z } from 'zod';
import { jobStatusSchema } from './outbox';

/** The first (and only) message a client sends on …/events; browsers cannot set headers on a WebSocket. */
export const clientMessageSchema = z.discriminatedUnion('type', [
	z.strictObject({ type: z.literal('auth'), token: z.string().min(1).max(200) })
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export const serverMessageSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('ready'), workspaceId: z.uuid(), deviceId: z.uuid() }),
	z.object({ type: z.literal('job'), job: jobStatusSchema })
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

/** WebSocket close codes of the relay. */
export const closeCodes = {
	badMessage: 4400,
	unauthorized: 4401,
	forbidden: 4403,
	goingAway: 1001
} as const;
