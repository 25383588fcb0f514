import { randomBytes } from 'node:crypto';
import net from 'node:net';

/**
 * A WebSocket client at the byte level, for what the `ws` client refuses to send: malformed
 * request targets and headers, unmasked or fragmented frames, bad opcodes, invalid UTF-8.
 */
export interface RawAnswer {
	/** The HTTP status of the answer, or undefined when the relay closed without one. */
	status: number | undefined;
	socket: net.Socket;
	/** Bytes after the answer's head (the first frames, after a 101). */
	rest: Buffer;
}

export const validUpgradeHeaders = (): Record<string, string> => ({
	Upgrade: 'websocket',
	Connection: 'Upgrade',
	'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
	'Sec-WebSocket-Version': '13'
});

/** Sends one upgrade request and resolves with the answer's status line once its head is in. */
export function rawUpgrade(
	baseUrl: string,
	target: string,
	headers: Record<string, string> | string = validUpgradeHeaders()
): Promise<RawAnswer> {
	const { hostname, port } = new URL(baseUrl);
	const headerText =
		typeof headers === 'string'
			? headers
			: Object.entries(headers)
					.map(([name, value]) => `${name}: ${value}\r\n`)
					.join('');
	return new Promise((resolve) => {
		const socket = net.connect(Number(port), hostname);
		let received = Buffer.alloc(0);
		const done = (status: number | undefined, rest: Buffer) => {
			socket.off('data', onData);
			resolve({ status, socket, rest });
		};
		const onData = (chunk: Buffer) => {
			received = Buffer.concat([received, chunk]);
			const end = received.indexOf('\r\n\r\n');
			if (end === -1) return;
			const status = /^HTTP\/1\.1 (\d{3})/.exec(received.subarray(0, end).toString('latin1'));
			done(status ? Number(status[1]) : undefined, received.subarray(end + 4));
		};
		socket.on('data', onData);
		socket.on('error', () => undefined); // a reset is an answer too: `close` follows
		socket.once('close', () => done(undefined, Buffer.alloc(0)));
		socket.write(
			`GET ${target} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n${headerText}\r\n`,
			'latin1'
		);
	});
}

export interface FrameOptions {
	opcode: number;
	payload: Buffer;
	fin?: boolean;
	/** Client frames must be masked; an unmasked one is a protocol error. */
	masked?: boolean;
	rsv?: number;
	/** Declares a length other than the payload's (e.g. huge, with nothing following). */
	declaredLength?: number;
}

export function encodeFrame(options: FrameOptions): Buffer {
	const { payload, masked = true } = options;
	const length = options.declaredLength ?? payload.length;
	const first = ((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | options.opcode;
	let head: Buffer;
	if (length < 126) head = Buffer.from([first, length]);
	else if (length < 65536) {
		head = Buffer.alloc(4);
		head.writeUInt16BE(length, 2);
		head[1] = 126;
	} else {
		head = Buffer.alloc(10);
		head.writeBigUInt64BE(BigInt(length), 2);
		head[1] = 127;
	}
	head[0] = first;
	if (!masked) return Buffer.concat([head, payload]);
	head[1] = (head[1] ?? 0) | 0x80;
	const mask = randomBytes(4);
	const body = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] ?? 0)));
	return Buffer.concat([head, mask, body]);
}

export const textFrame = (text: string) =>
	encodeFrame({ opcode: 1, payload: Buffer.from(text, 'utf8') });

/** Frames the relay sent, in order, as far as they arrived whole. */
export function decodeServerFrames(bytes: Buffer): { opcode: number; payload: Buffer }[] {
	const frames: { opcode: number; payload: Buffer }[] = [];
	let at = 0;
	while (at + 2 <= bytes.length) {
		const opcode = (bytes[at] ?? 0) & 0x0f;
		let length = (bytes[at + 1] ?? 0) & 0x7f;
		let offset = at + 2;
		if (length === 126) {
			if (offset + 2 > bytes.length) break;
			length = bytes.readUInt16BE(offset);
			offset += 2;
		} else if (length === 127) {
			if (offset + 8 > bytes.length) break;
			length = Number(bytes.readBigUInt64BE(offset));
			offset += 8;
		}
		if (offset + length > bytes.length) break;
		frames.push({ opcode, payload: bytes.subarray(offset, offset + length) });
		at = offset + length;
	}
	return frames;
}

/**
 * Waits until the relay closes the connection and returns the close code it sent (undefined when
 * it dropped the connection without a close frame) and the text frames before it. The client
 * hangs up once the close frame is in, as a browser would after echoing it.
 */
export async function serverClose(
	answer: RawAnswer
): Promise<{ code: number | undefined; texts: string[] }> {
	let bytes = answer.rest;
	const { socket } = answer;
	const closeFrame = () => decodeServerFrames(bytes).find((f) => f.opcode === 8);
	await new Promise<void>((resolve) => {
		if (closeFrame() !== undefined || socket.destroyed) return resolve();
		socket.on('data', (chunk: Buffer) => {
			bytes = Buffer.concat([bytes, chunk]);
			if (closeFrame() !== undefined) resolve();
		});
		socket.once('close', () => resolve());
	});
	socket.destroy();
	const frames = decodeServerFrames(bytes);
	const close = closeFrame();
	return {
		code: close && close.payload.length >= 2 ? close.payload.readUInt16BE(0) : undefined,
		texts: frames.filter((f) => f.opcode === 1).map((f) => f.payload.toString('utf8'))
	};
}
