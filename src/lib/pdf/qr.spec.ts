import { describe, expect, it } from 'vitest';
import { epcQrPayload } from '$lib/payment';
import { epcQrMatrix, qrRuns, type QrMatrix } from './qr';

const payload = epcQrPayload({
	name: 'Atelier Janssens',
	iban: 'BE68539007547034',
	bic: 'GKCCBEBB',
	amountCents: 246_732,
	structuredReference: '000000004242'
});

/** The error correction level written in the symbol's format information (ISO 18004 §7.9). */
function errorCorrectionLevel(matrix: QrMatrix): string {
	const dark = (row: number, column: number) => matrix.modules[row * matrix.size + column] === 1;
	// First copy of the format bits, most significant first: row 8 columns 0–5, 7, 8, then column 8 rows 7, 5–0.
	const cells: [number, number][] = [
		[8, 0],
		[8, 1],
		[8, 2],
		[8, 3],
		[8, 4],
		[8, 5],
		[8, 7],
		[8, 8],
		[7, 8],
		[5, 8],
		[4, 8],
		[3, 8],
		[2, 8],
		[1, 8],
		[0, 8]
	];
	const bits = cells.reduce(
		(value, [row, column]) => (value << 1) | (dark(row, column) ? 1 : 0),
		0
	);
	const level = ((bits ^ 0b101010000010010) >> 13) & 0b11;
	return ['M', 'L', 'H', 'Q'][level] ?? '?';
}

describe('EPC QR code', () => {
	it('encodes the payload with error correction M within version 13', () => {
		const matrix = epcQrMatrix(payload);
		expect(errorCorrectionLevel(matrix)).toBe('M');
		expect(matrix.version).toBeLessThanOrEqual(13);
		expect(matrix.size).toBe(17 + 4 * matrix.version);
	});

	it('turns the dark modules into horizontal runs that cover exactly the dark ones', () => {
		const matrix = epcQrMatrix(payload);
		const painted = new Uint8Array(matrix.size * matrix.size);
		const runs = qrRuns(matrix);
		for (let index = 0; index < runs.length; index += 3) {
			const [column = 0, row = 0, length = 0] = runs.slice(index, index + 3);
			for (let offset = 0; offset < length; offset += 1) {
				const cell = row * matrix.size + column + offset;
				painted[cell] = (painted[cell] ?? 0) + 1;
			}
		}
		expect(painted).toEqual(matrix.modules);
	});

	it('refuses a payload too long for EPC069-12', () => {
		expect(() => epcQrMatrix('x'.repeat(600))).toThrow(
			/version \d+; EPC069-12 allows at most version 13/
		);
	});
});
