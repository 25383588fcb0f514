import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { embeddedImageSchema, type EmbeddedImage } from '$lib/document/embedded-image';
import { imageKey } from '$lib/document/image-key';
import { renderInvoicePdf } from './index';
import { prepareEmbeddedImage } from './prepare-image';
import { sampleHeader, sampleInvoiceDocument } from './sample-invoice';

const fixture = (name: string) =>
	readFileSync(new URL(`../../../tests/fixtures/pdf/${name}`, import.meta.url));
const logo = `data:image/png;base64,${fixture('logo.png').toString('base64')}`;

function prepared(source: string): EmbeddedImage {
	const image = prepareEmbeddedImage(source);
	if (typeof image === 'string') throw new Error(`not prepared: ${image}`);
	return image;
}

/** Whether the PDF holds these bytes verbatim (an image stream is written as it is). */
function holds(pdf: Uint8Array, base64: string): boolean {
	return Buffer.from(pdf).indexOf(Buffer.from(base64, 'base64')) >= 0;
}

describe('prepareEmbeddedImage', () => {
	it('makes the logo into its compressed colour and alpha streams, keyed by its data: URL', () => {
		const image = prepared(logo);
		expect(embeddedImageSchema.parse(image)).toEqual(image);
		expect(image).toMatchObject({
			key: imageKey(logo),
			colorSpace: 'DeviceRGB',
			filter: 'FlateDecode',
			bitsPerComponent: 8
		});
		expect(image.sMask, 'the logo has an alpha channel').toBeDefined();
	});

	it('names what cannot be embedded', () => {
		expect(prepareEmbeddedImage('https://example.com/logo.png')).toBe('not-a-data-url');
		expect(prepareEmbeddedImage('data:image/gif;base64,R0lGODlhAQABAAAAACw=')).toBe(
			'unsupported-format'
		);
	});

	it('is what the render writes: the stored streams, not a new encoding of the image', async () => {
		const stored = prepared(logo);
		// Another image's streams under the logo's key: only a render that takes the stored form
		// as it is (no decoding, no compressing) writes these bytes for the logo.
		const dot = new PNG({ width: 2, height: 2 });
		dot.data.fill(0x80);
		const other = prepared(`data:image/png;base64,${PNG.sync.write(dot).toString('base64')}`);
		const swapped = { ...other, key: stored.key, width: stored.width, height: stored.height };
		const pdf = await renderInvoicePdf(sampleInvoiceDocument(), {
			header: sampleHeader(logo),
			images: [swapped]
		});
		expect(holds(pdf.bytes, swapped.data)).toBe(true);
		expect(holds(pdf.bytes, stored.data)).toBe(false);

		const real = await renderInvoicePdf(sampleInvoiceDocument(), {
			header: sampleHeader(logo),
			images: [stored]
		});
		expect(holds(real.bytes, stored.data)).toBe(true);
		expect(holds(real.bytes, stored.sMask ?? '')).toBe(true);
	});

	it('leaves a profile saved before it as it rendered: the logo is embedded all the same', async () => {
		const pdf = await renderInvoicePdf(sampleInvoiceDocument(), { header: sampleHeader(logo) });
		expect(holds(pdf.bytes, prepared(logo).data)).toBe(true);
	});
});
