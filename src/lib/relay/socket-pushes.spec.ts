import { afterEach, describe, expect, it, vi } from 'vitest';
import { SOCKET_PUSH_MAX_BYTES, SOCKET_PUSH_MAX_IN_FLIGHT } from '$protocol';
import { SOCKET_PUSH_ANSWER_TIMEOUT_MS, socketPushes } from './socket-pushes';

const row = (clientId: string, size = 48) => ({
	clientId,
	docId: 'invoice:1',
	envelope: new Uint8Array(size).fill(1)
});

/** The request id of a sent push: its first four bytes. */
const idOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(0);

describe('socketPushes', () => {
	it('refuses pushes before the socket is ready, over the message cap or over the in-flight bound', () => {
		const sent: Uint8Array[] = [];
		const pushes = socketPushes(
			(bytes) => sent.push(bytes),
			() => undefined
		);
		expect(pushes.push([row('early-0001')])).toBeUndefined();
		pushes.opened();
		expect(pushes.push([row('too-large1', SOCKET_PUSH_MAX_BYTES)])).toBeUndefined();
		for (let i = 0; i < SOCKET_PUSH_MAX_IN_FLIGHT; i++)
			expect(pushes.push([row(`in-flight-${i}`)])).toBeDefined();
		expect(pushes.push([row('one-more-01')])).toBeUndefined();
		expect(sent).toHaveLength(SOCKET_PUSH_MAX_IN_FLIGHT);
	});

	it('matches answers by request id and ends what is left as a network error when the socket closes', async () => {
		const sent: Uint8Array[] = [];
		const pushes = socketPushes(
			(bytes) => sent.push(bytes),
			() => undefined
		);
		pushes.opened();
		const first = pushes.push([row('first-0001')]);
		const second = pushes.push([row('second-001')]);
		const third = pushes.push([row('third-0001')]);
		const [a, b] = sent.map(idOf);
		pushes.answered({
			type: 'push-error',
			id: b ?? 0,
			status: 400,
			error: { code: 'invalid-request', message: 'bad', fields: [{ path: 'rows', message: 'x' }] }
		});
		pushes.answered({
			type: 'push-ack',
			id: a ?? 0,
			acks: [{ clientId: 'first-0001', seq: 7 }],
			head: 7
		});
		pushes.closed('1006 gone');
		expect(await first).toEqual({
			ok: true,
			value: { acks: [{ clientId: 'first-0001', seq: 7 }], head: 7 }
		});
		expect(await second).toMatchObject({ ok: false, error: { kind: 'http', status: 400 } });
		expect(await third).toMatchObject({ ok: false, error: { kind: 'network' } });
		expect(pushes.push([row('after-close')])).toBeUndefined();
	});

	describe('on a dead link', () => {
		afterEach(() => {
			vi.useRealTimers();
		});

		it('ends every waiting push as a network error and takes no more once one goes unanswered', async () => {
			vi.useFakeTimers();
			let stalls = 0;
			const pushes = socketPushes(
				() => undefined,
				() => stalls++
			);
			pushes.opened();
			const ended: unknown[] = [];
			void pushes.push([row('first-0001')])?.then((r) => ended.push(r));
			await vi.advanceTimersByTimeAsync(SOCKET_PUSH_ANSWER_TIMEOUT_MS / 2);
			void pushes.push([row('second-001')])?.then((r) => ended.push(r));
			await vi.advanceTimersByTimeAsync(SOCKET_PUSH_ANSWER_TIMEOUT_MS / 2);
			// Both at once: the second does not wait its own 15 s on the same dead link.
			expect(ended).toMatchObject([
				{ ok: false, error: { kind: 'network' } },
				{ ok: false, error: { kind: 'network' } }
			]);
			expect(stalls).toBe(1);
			expect(pushes.push([row('third-0001')])).toBeUndefined();
			await vi.advanceTimersByTimeAsync(SOCKET_PUSH_ANSWER_TIMEOUT_MS);
			expect(stalls).toBe(1);
		});

		it('ends a push whose send throws at once, and keeps the socket', async () => {
			vi.useFakeTimers();
			let stalls = 0;
			let failing = true;
			const sent: Uint8Array[] = [];
			const pushes = socketPushes(
				(bytes) => {
					if (failing) throw new Error('not open');
					sent.push(bytes);
				},
				() => stalls++
			);
			pushes.opened();
			expect(await pushes.push([row('unsent-001')])).toMatchObject({
				ok: false,
				error: { kind: 'network' }
			});
			failing = false;
			const next = pushes.push([row('sent-00001')]);
			pushes.answered({
				type: 'push-ack',
				id: idOf(sent[0] ?? new Uint8Array(4)),
				acks: [{ clientId: 'sent-00001', seq: 1 }],
				head: 1
			});
			expect(await next).toMatchObject({ ok: true });
			await vi.advanceTimersByTimeAsync(SOCKET_PUSH_ANSWER_TIMEOUT_MS * 2);
			expect(stalls).toBe(0);
		});
	});
});
