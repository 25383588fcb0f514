import fc from 'fast-check';
import type { EmbeddedImage } from '$lib/document/embedded-image';
import { oddValue } from './odd-values';

/** An integer near the bounds the schema names, or anything. */
const aroundInteger = fc.oneof(
	fc.integer({ min: -3, max: 70_000 }),
	fc.constantFrom(0, 1, 15, 16, 17, 65_535, 65_536, 1.5),
	oddValue
);

/** Each field of EmbeddedImage: valid, near a bound or odd. */
export const aroundEmbeddedImageFields = {
	key: fc.oneof(
		fc.stringMatching(/^[0-9a-f]{16}-\d+$/),
		fc.constantFrom('0123456789abcdef-1', '0123456789ABCDEF-1', '0123456789abcdef-', 'x'),
		oddValue
	),
	width: aroundInteger,
	height: aroundInteger,
	colorSpace: fc.oneof(
		fc.constantFrom('DeviceRGB', 'DeviceGray', 'DeviceCMYK', 'Indexed', 'devicergb'),
		oddValue
	),
	bitsPerComponent: aroundInteger,
	filter: fc.oneof(fc.constantFrom('FlateDecode', 'DCTDecode', 'LZWDecode', undefined), oddValue),
	decodeParameters: fc.oneof(
		fc.stringMatching(/^[/A-Za-z0-9 ]{0,201}$/),
		fc.constantFrom('/Predictor 15', '<< >>', 'x'.repeat(200), 'x'.repeat(201), undefined),
		oddValue
	),
	data: fc.oneof(fc.string(), oddValue),
	sMask: fc.oneof(fc.string(), fc.constant(undefined), oddValue),
	sMaskBitsPerComponent: fc.oneof(fc.constant(undefined), aroundInteger),
	predictor: fc.oneof(fc.constant(undefined), aroundInteger),
	palette: fc.oneof(fc.string(), fc.constant(undefined), oddValue),
	transparency: fc.oneof(
		fc.constant(undefined),
		fc.array(fc.integer({ min: -1, max: 65_536 }), { maxLength: 4 }),
		fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 767, maxLength: 769 }),
		fc.sparseArray(fc.integer({ min: 0, max: 9 }), { maxLength: 4 }),
		oddValue
	)
} satisfies Record<keyof EmbeddedImage, fc.Arbitrary<unknown>>;

/**
 * Each field valid, near a bound, odd or absent, and a key the schema does not name: both must
 * agree on every combination.
 */
export const aroundEmbeddedImage = fc.record(
	{ ...aroundEmbeddedImageFields, extra: oddValue },
	{ requiredKeys: [] }
);
