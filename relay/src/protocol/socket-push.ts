import { z } from 'zod';
import { errorBodySchema } from './common.js';
import { pushResponseSchema } from './sync.js';
import { encodePushFrames, SyncFramesError, type PushFrameRow } from './sync-frames.js';

/**
 * A sync push over the device's events socket: the body of `POST …/sync/push` as sync frames
 * (SYNC_PUSH_FRAMES_MEDIA_TYPE), behind a request id, in one binary message. The relay answers
 * in one text message, `push-ack` (the HTTP 200 body) or `push-error` (the HTTP status and error
 * body), under the same id. A single-row push then costs one message each way instead of an HTTP
 * request. Larger pushes (bulk uploads) go over HTTP: see SOCKET_PUSH_MAX_BYTES.
 *
 * Layout, big-endian: request id u32 (1 or more) ‖ push frames.
 */
export const SOCKET_PUSH_ID_BYTES = 4;
/**
 * A socket message larger than this closes the socket (1009); the client sends such pushes over
 * HTTP. The cap also holds before authentication (ws has one per server), so it is what a socket
 * that never authenticates can make the relay buffer: 256 KiB carries any everyday edit.
 */
export const SOCKET_PUSH_MAX_BYTES = 256 * 1024;
/**
 * Pushes of one socket the relay works on at once. The app never sends more (it waits for an
 * answer or pushes over HTTP), so one more closes the socket (4400) once those are answered.
 */
export const SOCKET_PUSH_MAX_IN_FLIGHT = 8;
/**
 * Answers the relay holds for a socket that does not read them: beyond this it closes the socket
 * (1008) instead of buffering more, as ws keeps reading pushes whether or not answers drain.
 */
export const SOCKET_PUSH_MAX_BUFFERED_BYTES = 4 * SOCKET_PUSH_MAX_BYTES;

const requestIdSchema = z.number().int().min(1).max(0xffffffff);

export const pushAckMessageSchema = pushResponseSchema.extend({
	type: z.literal('push-ack'),
	id: requestIdSchema
});
export const pushErrorMessageSchema = errorBodySchema.extend({
	type: z.literal('push-error'),
	id: requestIdSchema,
	/** The HTTP status the same push would have had over HTTP. */
	status: z.number().int().min(400).max(599)
});
export type PushAckMessage = z.infer<typeof pushAckMessageSchema>;
export type PushErrorMessage = z.infer<typeof pushErrorMessageSchema>;

export function encodeSocketPush(
	id: number,
	rows: readonly PushFrameRow[]
): Uint8Array<ArrayBuffer> {
	const frames = encodePushFrames(rows);
	const bytes = new Uint8Array(SOCKET_PUSH_ID_BYTES + frames.length);
	new DataView(bytes.buffer).setUint32(0, id);
	bytes.set(frames, SOCKET_PUSH_ID_BYTES);
	return bytes;
}

/** The request id and the push frames (a view, not a copy); throws SyncFramesError without an id. */
export function decodeSocketPush(bytes: Uint8Array): { id: number; frames: Uint8Array } {
	if (bytes.length < SOCKET_PUSH_ID_BYTES)
		throw new SyncFramesError(`a socket push needs a ${SOCKET_PUSH_ID_BYTES}-byte request id`);
	const id = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
	if (id === 0) throw new SyncFramesError('the request id must be 1 or more');
	return { id, frames: bytes.subarray(SOCKET_PUSH_ID_BYTES) };
}
