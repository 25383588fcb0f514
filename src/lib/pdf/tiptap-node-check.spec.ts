import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { oddValue } from '../../../tests/factories/odd-values';
import { tiptapNodeProblem, type TiptapNode } from './tiptap-node-check';

/**
 * The zod schema rich-text.ts read the seller's header and footer with until the PDF worker
 * stopped loading zod: the reference the hand-written check must accept and reject exactly as.
 */
const markSchema = z.object({
	type: z.string(),
	attrs: z.record(z.string(), z.unknown()).optional()
});
const nodeSchema: z.ZodType<TiptapNode> = z.lazy(() =>
	z.object({
		type: z.string(),
		attrs: z.record(z.string(), z.unknown()).optional(),
		content: z.array(nodeSchema).optional(),
		marks: z.array(markSchema).optional(),
		text: z.string().optional()
	})
);

class Attributes {
	textAlign = 'center';
}

/** Attribute maps zod's record may or may not take: plain, prototype-less, class instances… */
const aroundAttributes = fc.oneof(
	{ arbitrary: fc.dictionary(fc.string({ maxLength: 4 }), oddValue, { maxKeys: 3 }), weight: 4 },
	fc.constantFrom(
		undefined,
		Object.create(null) as object,
		new Attributes(),
		new Date(0),
		new Map(),
		{ [Symbol('key')]: 1 },
		Object.defineProperty({}, Symbol('hidden'), { value: 1, enumerable: false }),
		Object.create({ inherited: true }) as object,
		{ constructor: 'not a function' },
		{ constructor: { prototype: null } }
	),
	oddValue
);

const aroundMark = fc.oneof(
	fc.record(
		{
			type: fc.oneof({ arbitrary: fc.constantFrom('bold', 'link'), weight: 4 }, oddValue),
			attrs: aroundAttributes
		},
		{ requiredKeys: [] }
	),
	oddValue
);

const { node: aroundNode } = fc.letrec<{ node: unknown }>((tie) => ({
	node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, oddValue, {
		arbitrary: fc.record(
			{
				type: fc.oneof(
					{ arbitrary: fc.constantFrom('doc', 'paragraph', 'text', 'image'), weight: 9 },
					oddValue
				),
				attrs: aroundAttributes,
				content: fc.oneof(
					{ arbitrary: fc.array(tie('node'), { maxLength: 3 }), weight: 6 },
					fc.sparseArray(tie('node'), { maxLength: 2 }),
					oddValue
				),
				marks: fc.oneof({ arbitrary: fc.array(aroundMark, { maxLength: 2 }), weight: 4 }, oddValue),
				text: fc.oneof({ arbitrary: fc.string(), weight: 4 }, oddValue)
			},
			{ requiredKeys: ['type'] }
		),
		weight: 6
	})
}));

describe('tiptapNodeProblem', () => {
	it('accepts exactly what the zod node schema accepted', () => {
		let accepted = 0;
		fc.assert(
			fc.property(aroundNode, (node) => {
				const zodAccepts = nodeSchema.safeParse(node).success;
				expect(tiptapNodeProblem(node) === undefined).toBe(zodAccepts);
				if (zodAccepts) accepted += 1;
			}),
			{ numRuns: 5000 }
		);
		expect(accepted).toBeGreaterThan(100);
	});

	it('names where in the document the rule is broken', () => {
		expect(tiptapNodeProblem({ type: 'doc', content: [{ type: 'text', text: 'Hi' }] })).toBe(
			undefined
		);
		expect(tiptapNodeProblem({ type: 'doc', content: [{ type: 3 }] }, 'header')).toBe(
			'header.content.0.type: must be a string'
		);
		expect(
			tiptapNodeProblem({ type: 'text', marks: [{ type: 'link', attrs: [] }] }, 'footer')
		).toBe('footer.marks.0.attrs: must be an object of attributes');
		expect(tiptapNodeProblem(42, 'footer')).toBe('footer: must be a node object');
	});
});
