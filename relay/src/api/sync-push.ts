import { HttpError } from '../http/errors.js';
import type { DeviceAuth } from '../http/router.js';
import {
	decodePushFrames,
	pushFramesSchema,
	SyncFramesError,
	SYNC_MAX_ENVELOPE_BYTES,
	SYNC_MAX_PUSH_ROWS,
	type PushAnswer,
	type SyncRow
} from '../protocol/index.js';
import type { AppendOutcome } from '../storage/storage.js';
import { syncLogGroupCommit } from '../storage/sync-log-group-commit.js';
import type { ApiServices } from './services.js';
import { validate } from './validate.js';

export type PushedRow = { clientId: string; docId: string; envelope: Buffer };
/**
 * A device's push, over HTTP or its events socket (`origin`, which the answer tells of the rows
 * instead of a poke): answered once the rows are durable.
 */
export type SyncPush = (
	auth: DeviceAuth,
	rows: PushedRow[],
	requestId: string,
	origin?: object
) => Promise<PushAnswer>;

export function envelopeLimit(bytes: Buffer, path: string): Buffer {
	if (bytes.length > SYNC_MAX_ENVELOPE_BYTES) {
		throw new HttpError(
			413,
			'payload-too-large',
			`An envelope is larger than ${SYNC_MAX_ENVELOPE_BYTES} bytes.`,
			[{ path, message: `must be at most ${SYNC_MAX_ENVELOPE_BYTES} bytes` }]
		);
	}
	return bytes;
}

/** A push sent as sync frames (HTTP body or socket message), checked as HTTP checks it: 400/413. */
export function framesRows(bytes: Uint8Array): PushedRow[] {
	let decoded;
	try {
		decoded = decodePushFrames(bytes, SYNC_MAX_PUSH_ROWS);
	} catch (error) {
		if (!(error instanceof SyncFramesError)) throw error;
		throw new HttpError(400, 'invalid-request', 'The push is not valid sync frames.', [
			error.field ?? { path: '(body)', message: error.message }
		]);
	}
	const body = validate(pushFramesSchema, { rows: decoded });
	return body.rows.map((row, index) => ({
		clientId: row.clientId,
		docId: row.docId,
		envelope: envelopeLimit(
			Buffer.from(row.envelope.buffer, row.envelope.byteOffset, row.envelope.byteLength),
			`rows.${index}.envelope`
		)
	}));
}

/** The rows this push added (not the replayed ones), as a poke carries them: base64. */
function appendedRows(rows: readonly PushedRow[], outcome: AppendOutcome): SyncRow[] {
	const first = outcome.head - outcome.appended;
	const added = new Map<number, SyncRow>();
	rows.forEach((row, index) => {
		const seq = outcome.acks[index]?.seq;
		if (seq === undefined || seq <= first || added.has(seq)) return;
		added.set(seq, {
			seq,
			docId: row.docId,
			clientId: row.clientId,
			kind: 'update',
			envelope: row.envelope.toString('base64')
		});
	});
	return [...added.values()];
}

/**
 * The one push path of both transports: concurrent pushes share one commit and one flush (group
 * commit), each is answered once durable, and the workspace's devices are poked with its rows.
 */
export function createSyncPush(s: ApiServices): SyncPush {
	const appends = syncLogGroupCommit(
		s.storage.syncLog,
		() => s.storage.durable(),
		() => s.clock.now()
	);
	return async (auth, rows, requestId, origin) => {
		const result = await appends.append({
			workspaceId: auth.workspaceId,
			deviceId: auth.deviceId,
			rows
		});
		if (result.appended > 0) {
			s.log.info('sync-appended', {
				requestId,
				workspaceId: auth.workspaceId,
				deviceId: auth.deviceId,
				rows: result.appended,
				head: result.head
			});
			s.syncAppended(auth.workspaceId, result.head, appendedRows(rows, result), origin);
		}
		return { acks: result.acks, head: result.head };
	};
}
