import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { embeddedImageSchema } from '$lib/document/embedded-image';
import { aroundEmbeddedImage } from '../../../tests/factories/embedded-image-arbitrary';
import { oddValue } from '../../../tests/factories/odd-values';
import { checkPdfRequest } from './pdf-request-check';
import { answerId } from './pdf-worker-client';

const plainObject = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The zod schema the worker checked its requests with until it stopped loading zod: the
 * reference the hand-written check must accept and reject exactly as (its messages differ).
 */
const requestSchema = z.discriminatedUnion('kind', [
	z.object({
		id: z.number().int().positive(),
		kind: z.literal('render'),
		document: z.custom(plainObject),
		options: z.custom(plainObject)
	}),
	z.object({
		id: z.number().int().positive(),
		kind: z.literal('check-terms'),
		bytes: z.instanceof(Uint8Array)
	}),
	z.object({
		id: z.number().int().positive(),
		kind: z.literal('statement'),
		statement: z.custom(plainObject)
	}),
	z.object({
		id: z.number().int().positive(),
		kind: z.literal('warm'),
		options: z.object({
			header: z.unknown().optional(),
			footer: z.unknown().optional(),
			images: z.array(embeddedImageSchema).optional()
		})
	}),
	z.object({
		id: z.number().int().positive(),
		kind: z.literal('prepare-image'),
		source: z.string().startsWith('data:')
	})
]);

/** The page's check of an answer's envelope, as it was in zod. */
const responseEnvelope = z.looseObject({ id: z.number().int().positive(), ok: z.boolean() });

const aroundId = fc.oneof(
	fc.integer({ min: -2, max: 1_000 }),
	fc.constantFrom(1, 0.5, 2 ** 53, Number.MAX_SAFE_INTEGER),
	oddValue
);

/** Every field any request kind has, each valid, wrong or absent, under any kind. */
const aroundRequest = fc.record(
	{
		id: aroundId,
		kind: fc.oneof(
			fc.constantFrom('render', 'check-terms', 'statement', 'warm', 'prepare-image', 'toString'),
			oddValue
		),
		document: fc.oneof(fc.constant({ number: '1' }), oddValue),
		options: fc.oneof(
			fc.record(
				{
					header: oddValue,
					footer: oddValue,
					images: fc.oneof(fc.array(aroundEmbeddedImage, { maxLength: 3 }), oddValue),
					terms: oddValue
				},
				{ requiredKeys: [] }
			),
			oddValue
		),
		bytes: fc.oneof(
			fc.constantFrom(new Uint8Array(3), Buffer.from('%PDF'), new Uint16Array(1), [37, 80]),
			oddValue
		),
		statement: fc.oneof(fc.constant({ language: 'nl' }), oddValue),
		source: fc.oneof(
			fc.constantFrom('data:image/png;base64,iVBO', 'DATA:x', 'https://x', ' data:'),
			fc.string().map((rest) => `data:${rest}`),
			oddValue
		)
	},
	{ requiredKeys: [] }
);

describe('checkPdfRequest', () => {
	it('accepts exactly what the zod request schema accepted', () => {
		const accepted = new Map<unknown, number>();
		fc.assert(
			fc.property(fc.oneof(aroundRequest, oddValue), (message) => {
				const zodAccepts = requestSchema.safeParse(message).success;
				expect(checkPdfRequest(message).ok).toBe(zodAccepts);
				if (zodAccepts) {
					const kind = (message as { kind: unknown }).kind;
					accepted.set(kind, (accepted.get(kind) ?? 0) + 1);
				}
			}),
			{ numRuns: 5000 }
		);
		// Every kind was accepted some of the time, not only rejected.
		expect([...accepted.keys()].sort()).toEqual([
			'check-terms',
			'prepare-image',
			'render',
			'statement',
			'warm'
		]);
	});

	it('names the field and the rule a request breaks', () => {
		const problem = (message: unknown) => {
			const checked = checkPdfRequest(message);
			return checked.ok ? undefined : checked.problem;
		};
		expect(problem(null)).toBe('request: must be an object');
		expect(problem({ id: 1, kind: 'print' })).toBe(
			'kind: must be one of render, check-terms, statement, warm, prepare-image'
		);
		expect(problem({ id: 1.5, kind: 'render', document: {}, options: {} })).toBe(
			'id: must be a positive integer'
		);
		expect(problem({ id: 3, kind: 'render', document: [], options: {} })).toBe(
			'document: must be an invoice document object'
		);
		expect(problem({ id: 3, kind: 'check-terms', bytes: [1] })).toBe('bytes: must be a Uint8Array');
		expect(problem({ id: 3, kind: 'warm', options: { images: [{}] } })).toBe(
			'options.images.0.key: must be an image key (imageKey)'
		);
		expect(problem({ id: 3, kind: 'prepare-image', source: 'https://x' })).toBe(
			'source: must be a data: URL'
		);
		expect(problem({ id: 3, kind: 'statement', statement: {} })).toBeUndefined();
	});
});

describe('answerId', () => {
	it('reads the same envelopes as the zod schema did', () => {
		const aroundAnswer = fc.oneof(
			fc.record(
				{ id: aroundId, ok: fc.oneof(fc.boolean(), oddValue), pdf: oddValue },
				{ requiredKeys: [] }
			),
			oddValue
		);
		fc.assert(
			fc.property(aroundAnswer, (data) => {
				const parsed = responseEnvelope.safeParse(data);
				expect(answerId(data)).toBe(parsed.success ? parsed.data.id : undefined);
			}),
			{ numRuns: 3000 }
		);
	});
});
