// The compiled rules (scripts/compile-rules.ts, generated, not committed) match the rule data
// and the compiler they were made from, cover every expression, and are what the engine runs.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inputStamp } from '../../../scripts/compile-rules';
import { EXPRESSIONS, FALLBACK_COUNT, SCHEMAS, STAMP } from './compiled/rules.generated';
import { RULE_FILES } from './data-files';
import { DATA_DIR, nodeValidator } from './node';
import { readSchematron } from './schema-data';

describe('the compiled rules', () => {
	it('were generated from the current rule files and compiler', () => {
		expect(STAMP).toBe(inputStamp());
	});

	it.each(['cen', 'peppol'] as const)(
		'carry the %s rule file as the engine reads it from the .sch',
		(name) => {
			const text = readFileSync(DATA_DIR + RULE_FILES[name], 'utf8');
			expect(SCHEMAS[name]).toEqual(readSchematron(text, name));
			expect(SCHEMAS[name].patterns.flatMap((p) => p.rules).length).toBeGreaterThan(50);
		}
	);

	it('cover every context, let and assert of both rule sets (no fontoxpath fallback)', () => {
		expect(FALLBACK_COUNT).toBe(0);
		expect(EXPRESSIONS.size).toBeGreaterThan(1300);
	});

	it('check the official examples without a single fontoxpath evaluation', async () => {
		const validator = await nodeValidator();
		const before = validator.fontoxpathEvaluations();
		for (const name of readdirSync(`${DATA_DIR}examples`).filter((n) => n.endsWith('.xml'))) {
			const result = validator.validate(readFileSync(`${DATA_DIR}examples/${name}`, 'utf8'));
			expect(result.fatal, name).toEqual([]);
		}
		expect(validator.fontoxpathEvaluations()).toBe(before);
	});
});
