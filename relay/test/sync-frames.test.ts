import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	decodePushFrames,
	decodeSyncFrames,
	encodePushFrames,
	encodeSyncFrames,
	SYNC_MAX_PUSH_ROWS,
	SyncFramesError,
	type FramePage
} from '../src/protocol/index.js';

const page: FramePage = {
	head: 9_007_199_254_740_991,
	rows: [
		{
			seq: 1,
			docId: 'invoice:1',
			clientId: '0190aaaa-0001',
			kind: 'update',
			envelope: new Uint8Array([1, 2, 3])
		},
		{ seq: 7, docId: 'doc-é-€', clientId: 'c', kind: 'snapshot', envelope: new Uint8Array(0) },
		{
			seq: 2 ** 40,
			docId: 'x'.repeat(100),
			clientId: 'z'.repeat(64),
			kind: 'update',
			envelope: new Uint8Array(70_000).fill(9)
		}
	]
};

const plain = (value: FramePage) => ({
	head: value.head,
	rows: value.rows.map((row) => ({ ...row, envelope: [...row.envelope] }))
});

/** The decode error's message, which names the field. */
function failure(bytes: Uint8Array): string {
	try {
		decodeSyncFrames(bytes);
	} catch (error) {
		assert.ok(error instanceof SyncFramesError, String(error));
		return error.message;
	}
	assert.fail('decoded');
}

describe('sync frames', () => {
	it('round-trips a page, an empty one too, with envelopes as views of the bytes', () => {
		const bytes = encodeSyncFrames(page);
		const decoded = decodeSyncFrames(bytes);
		assert.deepEqual(plain(decoded), plain(page));
		assert.equal(decoded.rows[2]?.envelope.buffer, bytes.buffer);
		assert.deepEqual(decodeSyncFrames(encodeSyncFrames({ head: 0, rows: [] })), {
			head: 0,
			rows: []
		});
		// At an offset inside a larger buffer (a Node Buffer from the pool, a subarray).
		const padded = new Uint8Array(bytes.length + 5);
		padded.set(bytes, 5);
		assert.deepEqual(plain(decodeSyncFrames(padded.subarray(5))), plain(page));
	});

	it('refuses damaged pages with the field that is wrong', () => {
		const bytes = encodeSyncFrames(page);
		assert.match(failure(bytes.subarray(0, 5)), /header is cut off/);
		assert.match(failure(bytes.subarray(0, bytes.length - 1)), /rows\.2\.envelope is cut off/);
		assert.match(failure(new Uint8Array([...bytes, 0])), /1 bytes after the last row/);
		const version = bytes.slice();
		version[0] = 2;
		assert.match(failure(version), /version 2 is not 1/);
		const kind = bytes.slice();
		kind[13 + 8] = 5;
		assert.match(failure(kind), /rows\.0\.kind must be 0 \(update\) or 1 \(snapshot\)/);
		const seq = bytes.slice();
		new DataView(seq.buffer).setFloat64(13, 1.5);
		assert.match(failure(seq), /rows\.0\.seq must be a whole number/);
		const text = bytes.slice();
		text[13 + 8 + 1 + 2] = 0xff;
		assert.match(failure(text), /rows\.0\.docId is not UTF-8/);
	});

	it('refuses a push over the row cap from its header, before building a row', () => {
		const rows = Array.from({ length: SYNC_MAX_PUSH_ROWS + 1 }, (_, index) => ({
			clientId: `c-${index}`,
			docId: 'd',
			envelope: new Uint8Array(1)
		}));
		assert.equal(
			decodePushFrames(encodePushFrames(rows.slice(1)), SYNC_MAX_PUSH_ROWS).length,
			SYNC_MAX_PUSH_ROWS
		);
		const over = (bytes: Uint8Array) =>
			assert.throws(
				() => decodePushFrames(bytes, SYNC_MAX_PUSH_ROWS),
				(error: unknown) =>
					error instanceof SyncFramesError &&
					error.field?.path === 'rows' &&
					error.field.message === `at most ${SYNC_MAX_PUSH_ROWS} rows`
			);
		over(encodePushFrames(rows));
		// A header that claims four billion rows and carries none: refused as too many, not as cut off.
		const header = encodePushFrames([]);
		new DataView(header.buffer).setUint32(9, 0xffff_ffff);
		over(header);
	});

	it('refuses to encode ids longer than their length field', () => {
		assert.throws(
			() =>
				encodeSyncFrames({
					head: 1,
					rows: [
						{
							seq: 1,
							docId: 'd',
							clientId: 'c'.repeat(256),
							kind: 'update',
							envelope: new Uint8Array(0)
						}
					]
				}),
			/rows\.0\.clientId is too long/
		);
	});
});
