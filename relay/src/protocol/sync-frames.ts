/**
 * The binary form of a sync pull page (`GET …/sync/pull?format=binary`): envelopes travel as
 * their bytes, not base64 inside JSON, so a new device's bootstrap neither parses nor decodes
 * megabytes of text. Written once for both sides; Node and browsers alike.
 *
 * Layout, big-endian: version u8 (1) ‖ head f64 ‖ row count u32 ‖ per row: seq f64 ‖ kind u8
 * (0 update, 1 snapshot) ‖ docId length u16 ‖ docId UTF-8 ‖ clientId length u8 ‖ clientId UTF-8 ‖
 * envelope length u32 ‖ envelope. Sequence numbers are safe integers, which an f64 holds exactly.
 */
export const SYNC_FRAMES_VERSION = 1;
export const SYNC_FRAMES_MEDIA_TYPE = 'application/vnd.billfold.sync-pull';
/** A push as frames (POST …/sync/push with this Content-Type): head, seq and kind are 0. */
export const SYNC_PUSH_FRAMES_MEDIA_TYPE = 'application/vnd.billfold.sync-push';

export interface FrameRow {
	seq: number;
	docId: string;
	clientId: string;
	kind: 'update' | 'snapshot';
	envelope: Uint8Array;
}

export interface FramePage {
	head: number;
	rows: FrameRow[];
}

export class SyncFramesError extends Error {
	/**
	 * @param field The field and rule a relay's 400 names, when a field breaks a rule (a push over
	 *   the row cap); absent when the frames themselves are damaged.
	 */
	constructor(
		message: string,
		readonly field?: { path: string; message: string }
	) {
		super(`sync pull page: ${message}`);
		this.name = 'SyncFramesError';
	}
}

const KINDS = ['update', 'snapshot'] as const;

export function encodeSyncFrames(page: FramePage): Uint8Array<ArrayBuffer> {
	const encoder = new TextEncoder();
	const texts = page.rows.map((row) => ({
		docId: encoder.encode(row.docId),
		clientId: encoder.encode(row.clientId)
	}));
	let size = 1 + 8 + 4;
	page.rows.forEach((row, index) => {
		const text = texts[index];
		if (!text) return;
		if (text.docId.length > 0xffff) throw new SyncFramesError(`rows.${index}.docId is too long`);
		if (text.clientId.length > 0xff)
			throw new SyncFramesError(`rows.${index}.clientId is too long`);
		size += 8 + 1 + 2 + text.docId.length + 1 + text.clientId.length + 4 + row.envelope.length;
	});
	const bytes = new Uint8Array(size);
	const view = new DataView(bytes.buffer);
	let at = 0;
	view.setUint8(at, SYNC_FRAMES_VERSION);
	view.setFloat64((at += 1), page.head);
	view.setUint32((at += 8), page.rows.length);
	at += 4;
	page.rows.forEach((row, index) => {
		const text = texts[index];
		if (!text) return;
		view.setFloat64(at, row.seq);
		view.setUint8((at += 8), KINDS.indexOf(row.kind));
		view.setUint16((at += 1), text.docId.length);
		bytes.set(text.docId, (at += 2));
		view.setUint8((at += text.docId.length), text.clientId.length);
		bytes.set(text.clientId, (at += 1));
		view.setUint32((at += text.clientId.length), row.envelope.length);
		bytes.set(row.envelope, (at += 4));
		at += row.envelope.length;
	});
	return bytes;
}

/** A safe integer ≥ 0, else the field named in the error. */
function sequence(value: number, field: string): number {
	if (!Number.isSafeInteger(value) || value < 0) {
		throw new SyncFramesError(`${field} must be a whole number from 0`);
	}
	return value;
}

/**
 * Decodes a page; envelopes are views into `bytes`, not copies. Throws SyncFramesError, also for
 * a page of more than `maxRows` rows, before any row is read.
 */
export function decodeSyncFrames(bytes: Uint8Array, maxRows = Number.POSITIVE_INFINITY): FramePage {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const decoder = new TextDecoder('utf-8', { fatal: true });
	const text = (part: Uint8Array, field: string) => {
		try {
			return decoder.decode(part);
		} catch {
			throw new SyncFramesError(`${field} is not UTF-8`);
		}
	};
	let at = 0;
	const need = (count: number, field: string) => {
		if (at + count > bytes.length) throw new SyncFramesError(`${field} is cut off at byte ${at}`);
	};
	need(13, 'header');
	const version = view.getUint8(0);
	if (version !== SYNC_FRAMES_VERSION) {
		throw new SyncFramesError(`version ${version} is not ${SYNC_FRAMES_VERSION}`);
	}
	const head = sequence(view.getFloat64(1), 'head');
	const count = view.getUint32(9);
	if (count > maxRows) {
		const rule = `at most ${maxRows} rows`;
		throw new SyncFramesError(`rows: ${rule}, not ${count}`, { path: 'rows', message: rule });
	}
	at = 13;
	const rows: FrameRow[] = [];
	for (let index = 0; index < count; index++) {
		const field = `rows.${index}`;
		need(8 + 1 + 2, field);
		const seq = sequence(view.getFloat64(at), `${field}.seq`);
		const kind = KINDS[view.getUint8((at += 8))];
		if (!kind) throw new SyncFramesError(`${field}.kind must be 0 (update) or 1 (snapshot)`);
		const docIdLength = view.getUint16((at += 1));
		at += 2;
		need(docIdLength + 1, `${field}.docId`);
		const docId = text(bytes.subarray(at, (at += docIdLength)), `${field}.docId`);
		const clientIdLength = view.getUint8(at);
		at += 1;
		need(clientIdLength + 4, `${field}.clientId`);
		const clientId = text(bytes.subarray(at, (at += clientIdLength)), `${field}.clientId`);
		const envelopeLength = view.getUint32(at);
		at += 4;
		need(envelopeLength, `${field}.envelope`);
		rows.push({ seq, kind, docId, clientId, envelope: bytes.subarray(at, (at += envelopeLength)) });
	}
	if (at !== bytes.length)
		throw new SyncFramesError(`${bytes.length - at} bytes after the last row`);
	return { head, rows };
}

export interface PushFrameRow {
	clientId: string;
	docId: string;
	envelope: Uint8Array;
}

/** A push's rows in the frame layout, so both directions share one codec. */
export function encodePushFrames(rows: readonly PushFrameRow[]): Uint8Array<ArrayBuffer> {
	return encodeSyncFrames({
		head: 0,
		rows: rows.map((row) => ({ ...row, seq: 0, kind: 'update' as const }))
	});
}

/**
 * The rows of a pushed page; anything but head 0 and updates with seq 0 is refused, and so is a
 * row count over `maxRows` (the push cap), before a row is built.
 */
export function decodePushFrames(bytes: Uint8Array, maxRows: number): PushFrameRow[] {
	const page = decodeSyncFrames(bytes, maxRows);
	if (page.head !== 0) throw new SyncFramesError('head must be 0 in a push');
	return page.rows.map((row, index) => {
		if (row.seq !== 0 || row.kind !== 'update') {
			throw new SyncFramesError(`rows.${index} must be an update with seq 0 in a push`);
		}
		return { clientId: row.clientId, docId: row.docId, envelope: row.envelope };
	});
}
