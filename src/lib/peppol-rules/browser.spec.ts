// The browser loader bundles every UBL schema, byte for byte, and validates with nothing else.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { browserValidator, XSD_TEXTS } from './browser';
import { XSD_FILES } from './data-files';
import { DATA_DIR } from './node';

describe('browserValidator', () => {
	it('bundles every UBL schema unchanged', async () => {
		expect([...XSD_TEXTS.keys()].sort()).toEqual([...XSD_FILES].sort());
		for (const file of XSD_FILES)
			expect(XSD_TEXTS.get(file)).toBe(await readFile(DATA_DIR + file, 'utf8'));
	});

	it('validates once loaded, and finds a schema error', async () => {
		const validator = await browserValidator();
		const example = await readFile(`${DATA_DIR}examples/base-example.xml`, 'utf8');
		expect(validator.validate(example).fatal).toEqual([]);
		const misplaced = example.replace(
			/(<cbc:ID>Snippet1<\/cbc:ID>)(\s*)(<cbc:IssueDate>[^<]*<\/cbc:IssueDate>)/,
			'$3$2$1'
		);
		expect(misplaced).not.toBe(example);
		expect(validator.validate(misplaced).fatal.map((f) => f.id)).toContain('XSD');
	});
});
