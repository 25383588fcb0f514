import { describe, expect, it } from 'vitest';
import { richDocumentFromTiptap, richFontStyles, RichTextError } from './rich-text';

const text = (value: string, ...marks: unknown[]) => ({ type: 'text', text: value, marks });
const paragraph = (content: unknown[], attrs?: unknown) => ({ type: 'paragraph', attrs, content });
const item = (value: string, nested?: unknown) => ({
	type: 'listItem',
	content: [paragraph([text(value)]), ...(nested ? [nested] : [])]
});

describe('richDocumentFromTiptap', () => {
	it('reads headings, alignment, marks, safe links and hard breaks', () => {
		const document = richDocumentFromTiptap({
			type: 'doc',
			content: [
				{ type: 'heading', attrs: { level: 2, textAlign: 'right' }, content: [text('Atelier')] },
				paragraph(
					[
						text('vet', { type: 'bold' }),
						text('schuin', { type: 'italic' }, { type: 'underline' }),
						{ type: 'hardBreak' },
						text('site', { type: 'link', attrs: { href: 'https://atelier.be' } }),
						text('kwaad', { type: 'link', attrs: { href: 'javascript:alert(1)' } })
					],
					{ textAlign: 'justify' }
				)
			]
		});
		expect(document.blocks).toEqual([
			{
				kind: 'paragraph',
				align: 'right',
				indent: 0,
				headingLevel: 2,
				runs: [{ text: 'Atelier' }]
			},
			{
				kind: 'paragraph',
				align: 'justify',
				indent: 0,
				runs: [
					{ text: 'vet', bold: true },
					{ text: 'schuin', italic: true, underline: true },
					{ text: '\n' },
					{ text: 'site', link: 'https://atelier.be' },
					{ text: 'kwaad' }
				]
			}
		]);
	});

	it('flattens bullet and numbered lists, nested ones one indent deeper, with markers', () => {
		const document = richDocumentFromTiptap({
			type: 'doc',
			content: [
				{
					type: 'orderedList',
					attrs: { start: 3 },
					content: [item('drie'), item('vier', { type: 'bulletList', content: [item('sub')] })]
				}
			]
		});
		expect(
			document.blocks.map(
				(block) => block.kind === 'paragraph' && [block.marker, block.indent, block.runs[0]?.text]
			)
		).toEqual([
			['3.', 1, 'drie'],
			['4.', 1, 'vier'],
			['•', 2, 'sub']
		]);
	});

	it('keeps images with their editor size, rules and quotes, and drops trailing empty paragraphs', () => {
		const document = richDocumentFromTiptap({
			type: 'doc',
			content: [
				{ type: 'image', attrs: { src: 'data:image/png;base64,AAAA', width: '180', height: null } },
				{ type: 'horizontalRule' },
				{ type: 'blockquote', content: [paragraph([text('citaat')])] },
				paragraph([]),
				paragraph([])
			]
		});
		expect(document.blocks).toEqual([
			{ kind: 'image', align: 'left', indent: 0, src: 'data:image/png;base64,AAAA', width: 180 },
			{ kind: 'rule', indent: 0 },
			{ kind: 'paragraph', align: 'left', indent: 1, runs: [{ text: 'citaat' }] }
		]);
	});

	it('names the setting when the JSON is not a tiptap document', () => {
		expect(() => richDocumentFromTiptap({ content: 'nope' }, 'footer')).toThrow(RichTextError);
		expect(() => richDocumentFromTiptap(42, 'footer')).toThrow(/^footer: not a tiptap document/);
	});

	it('lists the font styles the text needs', () => {
		const document = richDocumentFromTiptap({
			type: 'doc',
			content: [
				{ type: 'heading', attrs: { level: 1 }, content: [text('Titel', { type: 'italic' })] },
				paragraph([text('gewoon')])
			]
		});
		expect(richFontStyles(document)).toEqual(new Set(['boldItalic', 'regular']));
	});
});
