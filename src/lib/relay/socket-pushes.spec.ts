import { describe, expect, it } from 'vitest';
import { SOCKET_PUSH_MAX_BYTES, SOCKET_PUSH_MAX_IN_FLIGHT } from '$protocol';
import { socketPushes } from './socket-pushes';

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
});
