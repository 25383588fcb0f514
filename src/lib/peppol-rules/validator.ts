import { parseXmlDocument, type Document } from 'slimdom';
import { SCHEMAS } from './compiled/rules.generated';
import { DATA_FILES, RULE_FILES, XSD_FILES, type DataFile } from './data-files';
import type { Finding, ValidationResult } from './finding';
import type { SchematronData } from './schema-data';
import { CompiledSchematron } from './schematron';
import { UblSchemas } from './xsd';

/** Reads one rule data file (a path relative to ./data, see DATA_FILES) as bytes. */
export type LoadFile = (file: DataFile) => Promise<Uint8Array>;

export interface ValidateOptions {
	/** run the UBL 2.1 XSD step (default true) */
	xsd?: boolean;
	/** run the CEN and Peppol Schematron rules (default true) */
	schematron?: boolean;
}

export interface PeppolValidator {
	/**
	 * Validates one UBL 2.1 Invoice or CreditNote against Peppol BIS Billing 3.0 (XSD, then the
	 * CEN EN 16931 rules, then the Peppol rules). Synchronous; never throws on the document: XML
	 * that is not well-formed gives `wellFormed: false` and one fatal XML-WELLFORMED finding.
	 */
	validate(xml: string, options?: ValidateOptions): ValidationResult;
	/** milliseconds spent loading and compiling the rules and schemas */
	readonly loadMs: number;
	/** loadMs by phase: reading the files, setting up the rules, compiling the XSD */
	readonly loadPhases: Readonly<Record<'files' | 'schematron' | 'xsd', number>>;
	/** how many assert or context evaluations the compiled rules left to fontoxpath so far */
	fontoxpathEvaluations(): number;
}

function parse(xml: string): Document | Finding {
	try {
		return parseXmlDocument(xml);
	} catch (e) {
		const text = String(e instanceof Error ? e.message : e);
		const line = /line (\d+)/i.exec(text)?.[1];
		return {
			ruleset: 'xml',
			id: 'XML-WELLFORMED',
			flag: 'fatal',
			location: line ? `line ${line}` : '',
			message: text.split('\n')[0] ?? text,
			...(line ? { line: Number(line) } : {})
		};
	}
}

const decoder = new TextDecoder();

/**
 * Loads the rules and schemas through `loadFile` and compiles every rule expression once
 * (about 1.5 s); the returned validator is then reused for every document. Node reads the
 * files from disk (`./node.ts`), a browser worker fetches them as static assets.
 */
export async function createValidator(
	loadFile: LoadFile,
	{ reference = false }: { reference?: boolean } = {}
): Promise<PeppolValidator> {
	const started = performance.now();
	// The fast engine reads the rule files as the build read them (./schema-data.ts, in the
	// compiled module); the plain one reads and parses the .sch files themselves.
	const files = new Map<DataFile, Uint8Array>(
		await Promise.all(
			(reference ? DATA_FILES : XSD_FILES).map(
				async (file) => [file, await loadFile(file)] as const
			)
		)
	);
	const filesRead = performance.now();
	const rulesets = (['cen', 'peppol'] as const).map((name) => {
		let source: string | SchematronData = SCHEMAS[name];
		if (reference) {
			const text = files.get(RULE_FILES[name]);
			if (!text) throw new Error(`peppol-rules: ${RULE_FILES[name]} was not loaded`);
			source = decoder.decode(text);
		}
		const schematron = new CompiledSchematron(source, { name, reference });
		// The fast engine runs the rules compiled at build time (scripts/compile-rules.ts) and
		// sets fontoxpath up only for an expression that needs it; the plain engine compiles
		// every expression now, so a static error fails the load, never a check
		// (schematron.spec.ts compiles both rule sets with fontoxpath too).
		const [problem, ...more] = reference ? schematron.precompile() : [];
		if (problem) {
			throw new Error(
				`peppol-rules: ${name}: ${more.length + 1} expression(s) cannot be compiled by fontoxpath, e.g. ${problem.error}\n  in: ${problem.expression.slice(0, 300)}`
			);
		}
		return schematron;
	});
	const rulesReady = performance.now();
	const schemas = new UblSchemas(files, { separate: reference });
	const loadMs = performance.now() - started;

	return {
		loadMs,
		loadPhases: {
			files: filesRead - started,
			schematron: rulesReady - filesRead,
			xsd: started + loadMs - rulesReady
		},
		fontoxpathEvaluations: () => rulesets.reduce((n, r) => n + r.fontoxpathEvaluations, 0),
		validate(xml, options = {}) {
			const doc = parse(xml);
			if (!('documentElement' in doc)) {
				return { fatal: [doc], warnings: [], documentType: null, wellFormed: false };
			}
			const root = doc.documentElement;
			const findings: Finding[] = [];
			if (root && options.xsd !== false) findings.push(...schemas.validate(xml, root));
			if (options.schematron !== false) {
				for (const schematron of rulesets) findings.push(...schematron.validateDocument(doc));
			}
			return {
				fatal: findings.filter((f) => f.flag === 'fatal'),
				warnings: findings.filter((f) => f.flag !== 'fatal'),
				documentType: root ? root.localName : null,
				wellFormed: true
			};
		}
	};
}
