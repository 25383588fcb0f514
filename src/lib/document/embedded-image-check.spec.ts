import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkedEmbeddedImageFields, embeddedImageProblem } from './embedded-image-check';
import { embeddedImageSchema } from './embedded-image';
import {
	aroundEmbeddedImage,
	aroundEmbeddedImageFields
} from '../../../tests/factories/embedded-image-arbitrary';
import { oddValue } from '../../../tests/factories/odd-values';

/** A valid image, then each field replaced by one of `aroundEmbeddedImage`'s. */
const VALID = {
	key: '0123456789abcdef-42',
	width: 2,
	height: 3,
	colorSpace: 'DeviceRGB',
	bitsPerComponent: 8,
	data: 'eJw='
};
const oneFieldOff = fc
	.tuple(aroundEmbeddedImage, fc.constantFrom(...Object.keys(embeddedImageSchema.shape)))
	.map(([around, field]) => ({ ...VALID, [field]: (around as Record<string, unknown>)[field] }));

describe('embeddedImageProblem', () => {
	it('checks, and is fed, every field the schema names', () => {
		// The types hold both lists to EmbeddedImage; this holds them to the schema at run time.
		const fields = Object.keys(embeddedImageSchema.shape).sort();
		expect([...checkedEmbeddedImageFields].sort()).toEqual(fields);
		expect(Object.keys(aroundEmbeddedImageFields).sort()).toEqual(fields);
	});

	it('accepts exactly what embeddedImageSchema accepts', () => {
		let accepted = 0;
		fc.assert(
			fc.property(fc.oneof(aroundEmbeddedImage, oneFieldOff, oddValue), (value) => {
				const zodAccepts = embeddedImageSchema.safeParse(value).success;
				expect(embeddedImageProblem(value, 'image') === undefined).toBe(zodAccepts);
				if (zodAccepts) accepted += 1;
			}),
			{ numRuns: 3000 }
		);
		// Both sides of the line were walked, not only rejections.
		expect(accepted).toBeGreaterThan(100);
	});

	it('names the field and the rule it breaks', () => {
		expect(embeddedImageProblem(VALID, 'image')).toBeUndefined();
		expect(embeddedImageProblem({ ...VALID, width: 0 }, 'images.0')).toBe(
			'images.0.width: must be a positive integer'
		);
		expect(embeddedImageProblem({ ...VALID, transparency: [70_000] }, 'logo')).toBe(
			'logo.transparency: must be at most 768 integers from 0 to 65535'
		);
		expect(embeddedImageProblem('png', 'logo')).toBe('logo: must be an embedded image object');
	});
});
