import type { EmbeddedImage } from './embedded-image';

/*
 * embeddedImageSchema (embedded-image.ts) written out by hand, for the PDF worker: it checks
 * the images of its requests and of the logos it prepares, and must not load a validation
 * library for that (zod is about 100 KB the worker would compile and evaluate before its first
 * PDF). It accepts exactly what the schema accepts: embedded-image-check.spec.ts feeds both the
 * same random and broken images. Change the two together.
 */

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** zod's `.int()` (a safe integer) with its bounds. */
const integerIn = (value: unknown, min: number, max: number): boolean =>
	typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;

/** Every entry, holes of a sparse array too (as undefined, as zod reads them), in the bounds. */
function everyEntry(values: readonly unknown[], min: number, max: number): boolean {
	for (let index = 0; index < values.length; index += 1)
		if (!integerIn(values[index], min, max)) return false;
	return true;
}

const isString = (value: unknown): value is string => typeof value === 'string';

const COLOR_SPACES: readonly unknown[] = ['DeviceRGB', 'DeviceGray', 'DeviceCMYK', 'Indexed'];
const FILTERS: readonly unknown[] = ['FlateDecode', 'DCTDecode'];
const KEY = /^[0-9a-f]{16}-\d+$/;
const PDF_NAMES = /^[/A-Za-z0-9 ]*$/;

/** A field's rule: the test its value passes, and the rule's words for the error. */
type Rule = readonly [optional: boolean, test: (value: unknown) => boolean, rule: string];

/**
 * Every field of EmbeddedImage, checked in this order: a field added to the schema and not here
 * (or left here after it is gone) fails the type check.
 */
const RULES = {
	key: [false, (value) => isString(value) && KEY.test(value), 'must be an image key (imageKey)'],
	width: [false, (value) => integerIn(value, 1, Infinity), 'must be a positive integer'],
	height: [false, (value) => integerIn(value, 1, Infinity), 'must be a positive integer'],
	colorSpace: [
		false,
		(value) => COLOR_SPACES.includes(value),
		'must be DeviceRGB, DeviceGray, DeviceCMYK or Indexed'
	],
	bitsPerComponent: [false, (value) => integerIn(value, 1, 16), 'must be an integer from 1 to 16'],
	filter: [true, (value) => FILTERS.includes(value), 'must be FlateDecode or DCTDecode'],
	decodeParameters: [
		true,
		(value) => isString(value) && PDF_NAMES.test(value) && value.length <= 200,
		'must be PDF names and numbers, at most 200 characters'
	],
	data: [false, (value) => isString(value) && value.length > 0, 'must be a non-empty string'],
	sMask: [true, (value) => isString(value) && value.length > 0, 'must be a non-empty string'],
	sMaskBitsPerComponent: [
		true,
		(value) => integerIn(value, 1, 16),
		'must be an integer from 1 to 16'
	],
	predictor: [true, (value) => integerIn(value, 1, 15), 'must be an integer from 1 to 15'],
	palette: [true, isString, 'must be a string'],
	transparency: [
		true,
		(value) => Array.isArray(value) && value.length <= 768 && everyEntry(value, 0, 65535),
		'must be at most 768 integers from 0 to 65535'
	]
} satisfies Record<keyof EmbeddedImage, Rule>;

/** The fields RULES checks (embedded-image-check.spec.ts holds them to the schema's). */
export const checkedEmbeddedImageFields = Object.keys(RULES);

/**
 * The first rule `value` breaks as an embedded image, as "<at>.<field>: <rule>", or undefined
 * when it is one. Keys the schema does not name are let through (the renderer reads none).
 */
export function embeddedImageProblem(value: unknown, at: string): string | undefined {
	if (!isObject(value)) return `${at}: must be an embedded image object`;
	for (const [field, [optional, test, rule]] of Object.entries(RULES)) {
		const entry = value[field];
		if (optional && entry === undefined) continue;
		if (!test(entry)) return `${at}.${field}: ${rule}`;
	}
	return undefined;
}

export class EmbeddedImageError extends Error {
	override name = 'EmbeddedImageError';
}

/** `value` as an embedded image, or an EmbeddedImageError naming the field and its rule. */
export function checkedEmbeddedImage(value: unknown, at = 'image'): EmbeddedImage {
	const problem = embeddedImageProblem(value, at);
	if (problem !== undefined) throw new EmbeddedImageError(problem);
	return value as EmbeddedImage;
}
