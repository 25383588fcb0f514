import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readImage } from './image-info';

const logo = readFileSync(new URL('../../../tests/fixtures/pdf/logo.png', import.meta.url));
const dataUrl = (mime: string, bytes: Uint8Array) =>
	`data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;

/** A minimal baseline JPEG header: SOI, an APP0 segment, then SOF0 with 40 × 30 px. */
const jpegHeader = Uint8Array.from([
	0xff, 0xd8, 0xff, 0xe0, 0x00, 0x06, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00,
	0x1e, 0x00, 0x28, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01
]);

describe('readImage', () => {
	it('reads the pixel size of a PNG data URL', () => {
		expect(readImage(dataUrl('image/png', logo))).toMatchObject({
			format: 'PNG',
			width: 360,
			height: 110
		});
	});

	it('finds the frame size of a JPEG after its APP segments', () => {
		expect(readImage(dataUrl('image/jpeg', jpegHeader))).toMatchObject({
			format: 'JPEG',
			width: 40,
			height: 30
		});
	});

	it('names what is wrong with images it cannot embed', () => {
		expect(readImage('https://example.be/logo.png')).toBe('not-a-data-url');
		expect(readImage(dataUrl('image/webp', logo))).toBe('unsupported-format');
		expect(readImage(dataUrl('image/png', logo.subarray(0, 12)))).toBe('unreadable');
		expect(readImage('data:image/png;base64,@@@')).toBe('unreadable');
	});
});
