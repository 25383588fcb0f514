import { z } from 'zod';
import { jobStatusSchema } from './outbox.js';
import { inboxPokeSchema } from './inbox.js';
import { pushAckMessageSchema, pushErrorMessageSchema } from './socket-push.js';
import { syncPokeSchema } from './sync.js';

/**
 * The first text message a client sends on …/events (browsers cannot set headers on a
 * WebSocket); after `ready`, its only messages are binary sync pushes (socket-push.ts).
 */
export const clientMessageSchema = z.discriminatedUnion('type', [
	z.strictObject({
		type: z.literal('auth'),
		token: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters')
	})
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/**
 * What the relay pushes on …/events: `ready` once the token is accepted, `job` whenever an outbox
 * job of the workspace changes, `sync` whenever its sync log grows, `inbox` whenever a received
 * document was sealed and stored; `push-ack` or `push-error` answers a push sent on the socket.
 */
export const serverMessageSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('ready'),
		workspaceId: z.uuid(),
		deviceId: z.uuid(),
		/**
		 * The relay takes sync pushes on this socket (socket-push.ts). A relay without it closes
		 * the socket on a binary message, so the client pushes over HTTP.
		 */
		pushes: z.literal(true).optional()
	}),
	z.object({ type: z.literal('job'), job: jobStatusSchema }),
	syncPokeSchema,
	inboxPokeSchema,
	pushAckMessageSchema,
	pushErrorMessageSchema
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

/** WebSocket close codes of the relay (4000–4999 is the application range; 44xx mirror HTTP). */
export const closeCodes = {
	badMessage: 4400,
	unauthorized: 4401,
	forbidden: 4403,
	/** The socket does not read its answers (SOCKET_PUSH_MAX_BUFFERED_BYTES). */
	policyViolation: 1008,
	goingAway: 1001,
	internalError: 1011
} as const;
