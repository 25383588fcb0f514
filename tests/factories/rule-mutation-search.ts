// Finds, for the asserts whose test has no shape rule-mutations.ts reads, an edit of a base
// document that makes them fire, by trying: each element whose name the unfired asserts mention
// is removed, repeated, given each of a list of values, and its attributes changed. Prints the
// edits as rows of SEARCHED in ./rule-mutation-edits.ts (progress on stderr). It takes long on a
// busy machine; run it after a rule update when the equivalence spec names an assert neither
// fired nor listed:
//   npx tsx tests/factories/rule-mutation-search.ts > /tmp/edits.txt
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseXmlDocument, serializeToWellFormedString, type Element } from 'slimdom';
import { SCHEMAS } from '$lib/peppol-rules/compiled/rules.generated';
import { nodeValidator } from '$lib/peppol-rules/node';
import { locationOf } from '$lib/peppol-rules/schematron';
import { applyEdit, assertsOf, elementAt, derivedMutation, type Edit } from './rule-mutations';
import { BASES } from './rule-mutation-bases';

const VALUES = [
	'',
	'XX',
	'0',
	'-1',
	'1.001',
	'12345678901234.5',
	'abc',
	'2017-09-31',
	'S',
	'E',
	'AE',
	'O',
	'Z',
	'K',
	'G',
	'L',
	'M',
	'VAT',
	'BE0123456749',
	'NO',
	'SE',
	'DK',
	'DE',
	'NL',
	'IS',
	'GR',
	'IT',
	'0208',
	'0088',
	'0192',
	'0007',
	'9925',
	'380',
	'381',
	'384',
	'326',
	'71',
	'50',
	'EUR',
	'USD',
	'21',
	'100.00',
	'false',
	'true',
	'30',
	'58',
	'59',
	'49',
	'1',
	'GB'
];
const ATTRIBUTE_VALUES = ['', 'XX', '0208', 'SEPA'];
const ATTRIBUTES = ['schemeID', 'currencyID', 'unitCode', 'listID', 'mimeCode', 'filename', 'name'];

async function main(): Promise<void> {
	const fast = await nodeValidator();
	const asserts = assertsOf(SCHEMAS).filter((a) => !derivedMutation(a));
	const open = new Set(asserts.map((a) => a.id));
	const names = new Set<string>();
	for (const a of asserts)
		for (const m of `${a.rule.context} ${a.test}`.matchAll(/[\w]+:([\w]+)/g)) names.add(m[1] ?? '');
	const found: string[] = [];
	for (const [base, file] of Object.entries(BASES)) {
		const xml = readFileSync(resolve(file), 'utf8');
		const before = fast.validate(xml, { xsd: false });
		const already = new Set([...before.fatal, ...before.warnings].map((f) => f.id));
		const elements = Array.from(parseXmlDocument(xml).getElementsByTagName('*')) as Element[];
		const locations = elements
			.filter((e) => e.parentElement && names.has(e.localName))
			.map((e) => locationOf(e));
		for (const at of locations) {
			const leaf = !elementAt(parseXmlDocument(xml), at)?.firstElementChild;
			const edits: Edit[] = [
				['remove', at],
				['repeat', at],
				...(leaf ? VALUES.map((v): Edit => ['text', at, v]) : []),
				...ATTRIBUTES.flatMap((a) => ATTRIBUTE_VALUES.map((v): Edit => [`@${a}`, at, v])),
				...ATTRIBUTES.map((a): Edit => [`-@${a}`, at])
			];
			for (const edit of edits) {
				if (!open.size) break;
				const doc = parseXmlDocument(xml);
				if (!applyEdit(doc, edit)) continue;
				const r = fast.validate(serializeToWellFormedString(doc), { xsd: false });
				for (const f of [...r.fatal, ...r.warnings]) {
					if (!open.has(f.id) || already.has(f.id)) continue;
					open.delete(f.id);
					found.push(
						`\t[${JSON.stringify(f.id)}, ${JSON.stringify(base)}, [${JSON.stringify(edit)}]],`
					);
					console.error(found.length, f.id, base, JSON.stringify(edit));
				}
			}
		}
	}
	console.log(found.join('\n'));
	console.log(`// not found: ${[...open].join(' ')}`);
}

await main();
