import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { framesRows, type SyncPush } from '../api/sync-push.js';
import type { DeviceGate } from '../http/device-gate.js';
import { HttpError } from '../http/errors.js';
import { errorKind, type Logger } from '../log.js';
import {
	closeCodes,
	decodeSocketPush,
	SOCKET_PUSH_MAX_BUFFERED_BYTES,
	SOCKET_PUSH_MAX_IN_FLIGHT,
	type PushAckMessage,
	type PushErrorMessage
} from '../protocol/index.js';

/** An authenticated events socket, as far as its pushes are concerned. */
export interface PushSession {
	socket: WebSocket;
	/** The token the socket authenticated with: each push checks it again (revocation). */
	token: string;
	workspaceId: string;
	inFlight: number;
	/** It went over SOCKET_PUSH_MAX_IN_FLIGHT: closed 4400 once its pushes in flight are answered. */
	overCap: boolean;
}

export type SocketPushHandler = (session: PushSession, bytes: Buffer) => Promise<void>;

/**
 * Sync pushes on the events socket (protocol/socket-push.ts): per message the same checks as
 * `POST …/sync/push` (an active device, the workspace's rate limit, frames and field rules, the
 * envelope cap), then the same push path, answered once durable. A revoked device's socket is
 * closed 4401 on its next push; a message without a request id closes it 4400, and so does a push
 * over the in-flight cap (the app never sends one); a socket that does not read its answers is
 * closed 1008. Any other refusal is a `push-error` with the status and error body HTTP would have
 * given.
 */
export function createSocketPushHandler(o: {
	gate: DeviceGate;
	push: SyncPush;
	now: () => number;
	log: Logger;
}): SocketPushHandler {
	return async (session, bytes) => {
		const { socket } = session;
		if (session.overCap) return;
		if (socket.bufferedAmount > SOCKET_PUSH_MAX_BUFFERED_BYTES) {
			socket.close(closeCodes.policyViolation, 'answers not read');
			return;
		}
		let id: number;
		let frames: Uint8Array;
		try {
			({ id, frames } = decodeSocketPush(bytes));
		} catch {
			socket.close(closeCodes.badMessage, 'expected a sync push: request id and frames');
			return;
		}
		const answer = (message: PushAckMessage | PushErrorMessage): void => {
			// A socket closed meanwhile loses only the answer: the client pushes again (same ids).
			if (socket.readyState !== socket.OPEN) return;
			if (socket.bufferedAmount > SOCKET_PUSH_MAX_BUFFERED_BYTES)
				socket.close(closeCodes.policyViolation, 'answers not read');
			else socket.send(JSON.stringify(message));
		};
		if (session.inFlight >= SOCKET_PUSH_MAX_IN_FLIGHT) {
			// No answer: answering every push over the cap would let a socket queue answers
			// without limit. The pushes in flight are still answered, then the socket closes.
			session.overCap = true;
			return;
		}
		const started = performance.now();
		const requestId = randomUUID();
		let status = 500;
		let deviceId: string | undefined;
		session.inFlight++;
		try {
			const admission = await o.gate.admit(session.token, o.now());
			if (admission.kind === 'unknown') {
				status = 401;
				socket.close(closeCodes.unauthorized, 'device revoked');
				return;
			}
			deviceId = admission.auth.deviceId;
			if (admission.kind === 'rate-limited') {
				const seconds = Math.max(1, Math.ceil(admission.retryMs / 1000));
				throw new HttpError(429, 'rate-limited', `Too many requests; retry in ${seconds} s.`);
			}
			const result = await o.push(admission.auth, framesRows(frames), requestId, socket);
			status = 200;
			answer({ type: 'push-ack', id, acks: result.acks, head: result.head });
		} catch (error) {
			if (error instanceof HttpError) {
				status = error.status;
				answer({
					type: 'push-error',
					id,
					status: error.status,
					error: {
						code: error.code,
						message: error.message,
						...(error.fields ? { fields: error.fields } : {})
					}
				});
			} else {
				o.log.error('socket-push-failed', { requestId, error: errorKind(error) });
				answer({
					type: 'push-error',
					id,
					status: 500,
					error: { code: 'internal', message: 'The relay hit an internal error.' }
				});
			}
		} finally {
			session.inFlight--;
			if (session.overCap && session.inFlight === 0)
				socket.close(
					closeCodes.badMessage,
					`more than ${SOCKET_PUSH_MAX_IN_FLIGHT} pushes in flight`
				);
			o.log.info('socket-push', {
				requestId,
				status,
				ms: Math.round((performance.now() - started) * 10) / 10,
				workspaceId: session.workspaceId,
				deviceId
			});
		}
	};
}
