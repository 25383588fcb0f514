import QRCode from 'qrcode';

export interface QrMatrix {
	/** Modules per side, without the quiet zone. */
	size: number;
	version: number;
	/** Row-major, 1 = dark. */
	modules: Uint8Array;
}

/** EPC069-12 caps the symbol at version 13 so every banking app can read it. */
const EPC_MAX_VERSION = 13;

/**
 * Encodes an EPC069-12 payload with error correction level M as one byte-mode segment, as the
 * standard prescribes (character set 1 = UTF-8). No canvas is involved, so it runs anywhere.
 */
export function epcQrMatrix(payload: string): QrMatrix {
	let matrix = recent.get(payload);
	if (!matrix) {
		matrix = encode(payload);
		if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value ?? '');
		recent.set(payload, matrix);
	}
	return matrix;
}

/** The preview redraws the same payment QR on every keystroke; encoding it is the slow part. */
const recent = new Map<string, QrMatrix>();
const RECENT_LIMIT = 8;

function encode(payload: string): QrMatrix {
	const bytes = new TextEncoder().encode(payload);
	const code = QRCode.create([{ data: bytes, mode: 'byte' }], { errorCorrectionLevel: 'M' });
	if (code.version > EPC_MAX_VERSION) {
		throw new RangeError(
			`epcPayload: ${bytes.length} bytes need QR version ${code.version}; EPC069-12 allows at most version ${EPC_MAX_VERSION}`
		);
	}
	return {
		size: code.modules.size,
		version: code.version,
		modules: Uint8Array.from(code.modules.data)
	};
}

/**
 * The dark modules as horizontal runs in module units (column, row, length flattened): the
 * renderer fills them as one path under a scaling transform, which keeps the PDF small and,
 * being one fill, free of seams between modules.
 */
export function qrRuns(matrix: QrMatrix): number[] {
	const runs: number[] = [];
	for (let row = 0; row < matrix.size; row += 1) {
		let column = 0;
		while (column < matrix.size) {
			if (matrix.modules[row * matrix.size + column] !== 1) {
				column += 1;
				continue;
			}
			const start = column;
			while (column < matrix.size && matrix.modules[row * matrix.size + column] === 1) column += 1;
			runs.push(start, row, column - start);
		}
	}
	return runs;
}
