// A static error (syntax or a function fontoxpath lacks) in a rule expression must fail the load,
// never show as "no match" or an evaluation error on the one document that needs the rule:
// precompile() finds every one, and the shipped rule sets have none.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULE_FILES } from './data-files';
import { loadFontoxpath } from './fontoxpath';
import { DATA_DIR } from './node';
import { CompiledSchematron } from './schematron';

// these call the fontoxpath engine directly, which the validators import when they load
beforeAll(() => loadFontoxpath());

describe('the shipped rule sets', () => {
	it.each(['cen', 'peppol'] as const)(
		'%s: every rule context and assert compiles with fontoxpath',
		(name) => {
			const schematron = new CompiledSchematron(readFileSync(DATA_DIR + RULE_FILES[name], 'utf8'), {
				name
			});
			expect(schematron.precompile()).toEqual([]);
			expect(schematron.assertCount).toBeGreaterThan(100);
		},
		120_000
	);

	it('reports an expression fontoxpath cannot compile', () => {
		const schematron = new CompiledSchematron(
			`<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
				<pattern><rule context="a"><assert test="unknown-function(.)">x</assert></rule></pattern>
			</schema>`,
			{ name: 'cen' }
		);
		expect(schematron.precompile()).toEqual([
			expect.objectContaining({ error: expect.stringMatching(/^XPST0017/) })
		]);
	});
});
