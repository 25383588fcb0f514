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

const SEAM = 0.05;

/**
 * The dark modules as rectangles (x, y, width, height flattened), one per horizontal run, so the
 * renderer fills them as a single vector path.
 */
export function qrRectangles(matrix: QrMatrix, x: number, y: number, side: number): number[] {
	const module = side / matrix.size;
	const rects: number[] = [];
	for (let row = 0; row < matrix.size; row += 1) {
		let column = 0;
		while (column < matrix.size) {
			if (matrix.modules[row * matrix.size + column] !== 1) {
				column += 1;
				continue;
			}
			const start = column;
			while (column < matrix.size && matrix.modules[row * matrix.size + column] === 1) column += 1;
			// A hair of overlap with the next row keeps anti-aliasing seams out of some viewers.
			rects.push(x + start * module, y + row * module, (column - start) * module, module + SEAM);
		}
	}
	return rects;
}
