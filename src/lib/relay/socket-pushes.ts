import {
	encodeSocketPush,
	SOCKET_PUSH_MAX_BYTES,
	SOCKET_PUSH_MAX_IN_FLIGHT,
	type PushAnswer,
	type PushAckMessage,
	type PushErrorMessage,
	type PushFrameRow
} from '$protocol';
import type { RelayResult } from './client';

/**
 * A push unanswered this long means a dead link the socket has not noticed (a browser learns of a
 * lost connection only when TCP gives up): the push goes over HTTP and the socket is dropped, to
 * reconnect. The relay answers within a flush, milliseconds, when it is alive.
 */
export const SOCKET_PUSH_ANSWER_TIMEOUT_MS = 15_000;

/**
 * The sync pushes of one events socket (the relay's protocol/socket-push.ts): each gets a request
 * id and waits for the answer under that id. A push the socket cannot take (not authenticated
 * yet, too large for a socket message, too many in flight) is refused with `undefined` before it
 * is sent, so the caller pushes over HTTP; one still waiting when the socket closes ends as a
 * network error, so the caller pushes again over HTTP with the same client ids (the relay keeps
 * one row per client id, whichever way it came).
 */
export function socketPushes(
	send: (bytes: Uint8Array<ArrayBuffer>) => void,
	/** No answer in time: the link is dead, drop the socket. */
	stalled: () => void
) {
	let open = false;
	let lastId = 0;
	const waiting = new Map<number, (result: RelayResult<PushAnswer>) => void>();
	const lost = (message: string): RelayResult<PushAnswer> => ({
		ok: false,
		error: { kind: 'network', message }
	});
	/** Ends every push still waiting as a network error (pushed again over HTTP); takes no more. */
	const fail = (message: string): void => {
		open = false;
		const pending = [...waiting.values()];
		waiting.clear();
		for (const resolve of pending) resolve(lost(message));
	};
	return {
		/** The relay accepted the token: pushes may go. */
		opened(): void {
			open = true;
		},
		push(rows: readonly PushFrameRow[]): Promise<RelayResult<PushAnswer>> | undefined {
			if (!open || waiting.size >= SOCKET_PUSH_MAX_IN_FLIGHT) return undefined;
			lastId = lastId >= 0xffffffff ? 1 : lastId + 1;
			const id = lastId;
			const bytes = encodeSocketPush(id, rows);
			if (bytes.length > SOCKET_PUSH_MAX_BYTES) return undefined;
			return new Promise((resolve) => {
				const timer = setTimeout(() => {
					if (!waiting.has(id)) return;
					// The link is dead for every push on it, not just this one: they all go over
					// HTTP now, and no new one waits here until the socket reconnects.
					fail('no answer on the events socket');
					stalled();
				}, SOCKET_PUSH_ANSWER_TIMEOUT_MS);
				waiting.set(id, (result) => {
					clearTimeout(timer);
					resolve(result);
				});
				try {
					send(bytes);
				} catch (error) {
					// Not sent, so nothing to wait for: this push goes over HTTP, the socket stays.
					waiting.delete(id);
					clearTimeout(timer);
					resolve(lost(`events socket send failed: ${String(error)}`));
				}
			});
		},
		answered(message: PushAckMessage | PushErrorMessage): void {
			const resolve = waiting.get(message.id);
			if (resolve === undefined) return;
			waiting.delete(message.id);
			if (message.type === 'push-ack') {
				resolve({ ok: true, value: { acks: message.acks, head: message.head } });
				return;
			}
			resolve({
				ok: false,
				error: {
					kind: 'http',
					status: message.status,
					code: message.error.code,
					message: message.error.message,
					fields: message.error.fields ?? []
				}
			});
		},
		closed(reason: string): void {
			fail(`events socket closed: ${reason}`);
		}
	};
}
