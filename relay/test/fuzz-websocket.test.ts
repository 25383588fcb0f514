import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { call } from './helpers/http.js';
import {
	encodeFrame,
	rawUpgrade,
	serverClose,
	textFrame,
	validUpgradeHeaders,
	type FrameOptions
} from './helpers/raw-websocket.js';
import { spawnRelayProcess, type RelayProcess } from './helpers/relay-process.js';
import { registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

/** The close code that stands for a 500 on a WebSocket. */
const INTERNAL_ERROR = 1011;

describe('fuzzing the event WebSocket of a relay process', () => {
	let relay: RelayProcess;
	let device: DeviceCredentials;

	before(async () => {
		// Limits high enough that the fuzzer measures robustness, not the per-address caps.
		relay = await spawnRelayProcess({
			BILLFOLD_RATE_LIMIT_BURST: '1000000',
			BILLFOLD_RATE_LIMIT_PER_MINUTE: '1000000',
			BILLFOLD_WS_UPGRADE_BURST: '1000000',
			BILLFOLD_WS_UPGRADES_PER_MINUTE: '1000000',
			BILLFOLD_WS_MAX_PENDING_PER_ADDRESS: '100000'
		});
		device = await registerWorkspace(relay.url);
	});
	after(() => relay.stop());

	const eventsPath = () => `/api/v1/workspaces/${device.workspaceId}/events`;

	const assertAlive = async () => {
		assert.equal(relay.exit, undefined, `the relay exited: ${JSON.stringify(relay.exit)}`);
		assert.equal((await call(relay.url, 'GET', '/health')).status, 200);
	};

	it('answers 400 to a malformed percent-encoding in the upgrade path and keeps serving', async () => {
		for (const segment of ['%', '%E0%A4%A', '%zz', '%%41']) {
			const answer = await rawUpgrade(relay.url, `/api/v1/workspaces/${segment}/events`);
			answer.socket.destroy();
			assert.equal(answer.status, 400, segment);
			await assertAlive();
		}
	});

	it('fuzzed upgrade requests (paths, headers, tokens, oversized headers) never get a 5xx', async () => {
		const segment = fc.oneof(
			fc.string({ maxLength: 30 }),
			fc.constantFrom('%', '%E0%A4%A', '%00', '%zz', '..', '%2F', '%F0%9F%92%A9', 'x'.repeat(3000)),
			fc.constant('').map(() => device.workspaceId)
		);
		const target = fc.oneof(
			segment.map((s) => `/api/v1/workspaces/${s}/events`),
			fc
				.tuple(segment, fc.string({ maxLength: 30 }))
				.map(([s, query]) => `/api/v1/workspaces/${s}/events?${query}`),
			fc.array(segment, { maxLength: 6 }).map((parts) => '/' + parts.join('/'))
		);
		const optional = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: undefined });
		const headers = fc
			.record({
				upgrade: optional(fc.constantFrom('websocket', 'WebSocket', 'h2c', '')),
				connection: optional(fc.constantFrom('Upgrade', 'keep-alive, Upgrade', 'close')),
				key: optional(fc.oneof(fc.constant('valid'), fc.string({ maxLength: 40 }))),
				version: optional(fc.constantFrom('13', '8', 'x', '')),
				extensions: optional(fc.string({ maxLength: 60 })),
				protocol: optional(fc.string({ maxLength: 60 })),
				forwardedFor: optional(fc.string({ maxLength: 60 })),
				extra: fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.string()), {
					maxLength: 3
				}),
				oversized: fc.boolean()
			})
			.map((h) => {
				const lines: [string, string | undefined][] = [
					['Upgrade', h.upgrade],
					['Connection', h.connection],
					[
						'Sec-WebSocket-Key',
						h.key === 'valid' ? validUpgradeHeaders()['Sec-WebSocket-Key'] : h.key
					],
					['Sec-WebSocket-Version', h.version],
					['Sec-WebSocket-Extensions', h.extensions],
					['Sec-WebSocket-Protocol', h.protocol],
					['X-Forwarded-For', h.forwardedFor],
					...h.extra,
					['X-Padding', h.oversized ? 'a'.repeat(20_000) : undefined]
				];
				return lines
					.filter((line): line is [string, string] => line[1] !== undefined)
					.map(([name, value]) => `${name}: ${value}\r\n`)
					.join('');
			});
		const afterOpen = fc.constantFrom('abrupt', 'valid-token', 'bad-token', 'no-token');
		await fc.assert(
			fc.asyncProperty(target, headers, afterOpen, async (path, head, next) => {
				const answer = await rawUpgrade(relay.url, path, head);
				if (answer.status === 101 && next !== 'abrupt') {
					const auth =
						next === 'valid-token'
							? { type: 'auth', token: device.deviceToken }
							: next === 'bad-token'
								? { type: 'auth', token: 'bf_dev_guess' }
								: { type: 'auth' };
					answer.socket.write(textFrame(JSON.stringify(auth)));
					// A binary frame is never expected: it ends even an authenticated socket (4400).
					answer.socket.write(encodeFrame({ opcode: 2, payload: Buffer.from([1]) }));
					const { code } = await serverClose(answer);
					assert.notEqual(code, INTERNAL_ERROR);
				}
				answer.socket.destroy();
				assert.ok(answer.status === undefined || answer.status < 500, `${path} → ${answer.status}`);
				assert.equal(relay.exit, undefined, `the relay exited after ${path}`);
			}),
			{ numRuns: 150 }
		);
		await assertAlive();
	});

	it('fuzzed frames (binary, oversized, bad JSON, bad opcodes, fragments, invalid UTF-8) never end the process', async () => {
		const payload = fc.oneof(
			fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
			fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
			fc.string().map((token) => Buffer.from(JSON.stringify({ type: 'auth', token }))),
			fc
				.constant('')
				.map(() => Buffer.from(JSON.stringify({ type: 'auth', token: device.deviceToken }))),
			fc.constantFrom(
				Buffer.from([0xc3, 0x28]), // invalid UTF-8
				Buffer.from([0xed, 0xa0, 0x80]), // a lone surrogate
				Buffer.from('{"type":"auth","token":'), // truncated JSON
				Buffer.alloc(5000, 0x61) // a long message (text before auth, a push after)
			)
		);
		const frame: fc.Arbitrary<FrameOptions> = fc.record({
			opcode: fc.constantFrom(0, 1, 1, 1, 2, 3, 8, 9, 10, 11, 15),
			payload,
			fin: fc.oneof(fc.constant(true), fc.constant(true), fc.constant(false)),
			masked: fc.oneof(fc.constant(true), fc.constant(true), fc.constant(true), fc.constant(false)),
			rsv: fc.constantFrom(0, 0, 0, 1, 4, 7),
			declaredLength: fc.option(fc.constantFrom(2 ** 32, 2 ** 40), { nil: undefined })
		});
		await fc.assert(
			fc.asyncProperty(
				fc.array(frame, { minLength: 1, maxLength: 4 }),
				fc.constantFrom('wait', 'abrupt'),
				async (frames, ending) => {
					const answer = await rawUpgrade(relay.url, eventsPath());
					assert.equal(answer.status, 101);
					for (const f of frames) answer.socket.write(encodeFrame(f));
					if (ending === 'abrupt') {
						answer.socket.destroy();
					} else {
						// Whatever state the frames left, an unexpected binary frame ends the socket.
						answer.socket.write(encodeFrame({ opcode: 2, payload: Buffer.from([0]) }));
						const { code } = await serverClose(answer);
						assert.notEqual(code, INTERNAL_ERROR);
					}
					assert.equal(relay.exit, undefined);
				}
			),
			{ numRuns: 150 }
		);
		await assertAlive();
	});

	it('logged no internal error while being fuzzed', async () => {
		await assertAlive();
		const errors = relay.events.filter((e) => e['level'] === 'error');
		assert.deepEqual(errors, []);
	});
});
