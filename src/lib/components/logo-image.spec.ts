import { describe, expect, it } from 'vitest';
import { checkLogoFile, fitWithin, MAX_LOGO_BYTES } from './logo-image';

describe('logo file check', () => {
	it('accepts exactly 2 MB and refuses one byte more, naming the file and size', () => {
		expect(checkLogoFile({ name: 'logo.png', size: MAX_LOGO_BYTES, type: 'image/png' })).toEqual({
			ok: true,
			mimeType: 'image/png'
		});
		expect(checkLogoFile({ name: 'big.png', size: MAX_LOGO_BYTES + 1, type: 'image/png' })).toEqual(
			{
				ok: false,
				problem: { kind: 'too-large', fileName: 'big.png', size: MAX_LOGO_BYTES + 1 }
			}
		);
	});

	it('accepts PNG, JPEG and SVG, also when the browser reports no type for an SVG', () => {
		expect(checkLogoFile({ name: 'a.jpg', size: 10, type: 'image/jpeg' }).ok).toBe(true);
		expect(checkLogoFile({ name: 'a.svg', size: 10, type: 'image/svg+xml' }).ok).toBe(true);
		expect(checkLogoFile({ name: 'a.svg', size: 10, type: '' })).toEqual({
			ok: true,
			mimeType: 'image/svg+xml'
		});
	});

	it('refuses other types, even when renamed', () => {
		expect(checkLogoFile({ name: 'a.gif', size: 10, type: 'image/gif' })).toEqual({
			ok: false,
			problem: { kind: 'wrong-type', fileName: 'a.gif', type: 'image/gif' }
		});
		expect(checkLogoFile({ name: 'a.png', size: 10, type: 'application/pdf' }).ok).toBe(false);
	});
});

describe('fitWithin', () => {
	it('scales the longest edge down to the limit and keeps the aspect ratio', () => {
		expect(fitWithin(4000, 1000, 1200)).toEqual({ width: 1200, height: 300 });
		expect(fitWithin(1000, 3000, 1200)).toEqual({ width: 400, height: 1200 });
	});

	it('never enlarges a small image', () => {
		expect(fitWithin(200, 80, 1200)).toEqual({ width: 200, height: 80 });
	});
});
