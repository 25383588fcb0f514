import { parseXmlDocument, type Document } from 'slimdom';
import { SCHEMAS } from './compiled/rules.generated';
import { DATA_FILES, RULE_FILES, XSD_FILES, type DataFile } from './data-files';
import type { Finding, ValidationResult } from './finding';
import { FontoxpathNotLoaded, loadFontoxpath } from './fontoxpath';
import type { SchematronData } from './schema-data';
import { CompiledSchematron } from './schematron';
import { loadUblSchemas } from './xsd';

/** Reads one rule data file (a path relative to ./data, see DATA_FILES) as bytes. */
export type LoadFile = (file: DataFile) => Promise<Uint8Array>;

export interface ValidateOptions {
	/** run the UBL 2.1 XSD step (default true) */
	xsd?: boolean;
	/** run the CEN and Peppol Schematron rules (default true) */
	schematron?: boolean;
}

export interface CreateOptions {
	/** the plain engine (fontoxpath alone), which the equivalence spec compares the fast one with */
	reference?: boolean;
	/**
	 * libxml2's WebAssembly, compiled by the caller (a browser streams it from its own asset);
	 * without it libxml2-wasm uses the binary inlined in its package (Node).
	 */
	libxml2?: () => Promise<WebAssembly.Module>;
}

interface ValidatorInfo {
	/** milliseconds spent loading and compiling the rules and schemas */
	readonly loadMs: number;
	/** loadMs by phase: reading the files, setting up the rules, compiling the XSD */
	readonly loadPhases: Readonly<Record<'files' | 'schematron' | 'xsd', number>>;
	/** how many assert or context evaluations the compiled rules left to fontoxpath so far */
	fontoxpathEvaluations(): number;
}

export interface PeppolValidator extends ValidatorInfo {
	/**
	 * Validates one UBL 2.1 Invoice or CreditNote against Peppol BIS Billing 3.0 (XSD, then the
	 * CEN EN 16931 rules, then the Peppol rules). Synchronous; never throws on the document: XML
	 * that is not well-formed gives `wellFormed: false` and one fatal XML-WELLFORMED finding.
	 */
	validate(xml: string, options?: ValidateOptions): ValidationResult;
}

/** The same validator, with fontoxpath imported only when a document first needs it. */
export interface LazyPeppolValidator extends ValidatorInfo {
	/** As PeppolValidator's; waits for fontoxpath the first time a document needs it. */
	validate(xml: string, options?: ValidateOptions): Promise<ValidationResult>;
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

/** The validator whose `validate` throws FontoxpathNotLoaded when a document needs fontoxpath. */
type Rules = Omit<PeppolValidator, 'validate'> & { check: PeppolValidator['validate'] };

async function loadRules(
	loadFile: LoadFile,
	{ reference = false, libxml2 }: CreateOptions
): Promise<Rules> {
	const started = performance.now();
	// The fast engine reads the rule files as the build read them (./schema-data.ts, in the
	// compiled module); the plain one reads and parses the .sch files themselves, and compiles
	// every expression with fontoxpath now.
	const [files, wasm] = await Promise.all([
		Promise.all(
			(reference ? DATA_FILES : XSD_FILES).map(
				async (file) => [file, await loadFile(file)] as const
			)
		).then((entries) => new Map<DataFile, Uint8Array>(entries)),
		libxml2?.(),
		reference ? loadFontoxpath() : undefined
	]);
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
	const schemas = await loadUblSchemas(files, { separate: reference, wasm });
	const loadMs = performance.now() - started;

	return {
		loadMs,
		loadPhases: {
			files: filesRead - started,
			schematron: rulesReady - filesRead,
			xsd: started + loadMs - rulesReady
		},
		fontoxpathEvaluations: () => rulesets.reduce((n, r) => n + r.fontoxpathEvaluations, 0),
		check(xml, options = {}) {
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

/**
 * Loads the rules and schemas through `loadFile`, with fontoxpath; the returned validator is then
 * reused for every document. Node reads the files from disk (`./node.ts`).
 */
export async function createValidator(
	loadFile: LoadFile,
	options: CreateOptions = {}
): Promise<PeppolValidator> {
	const [{ check, ...rules }] = await Promise.all([loadRules(loadFile, options), loadFontoxpath()]);
	return { ...rules, validate: check };
}

/**
 * As createValidator, without importing fontoxpath until a document needs it (a browser worker:
 * `./browser.ts`). A check that needs it stops, waits for it, and runs again from the start.
 */
export async function createLazyValidator(
	loadFile: LoadFile,
	options: CreateOptions = {}
): Promise<LazyPeppolValidator> {
	const { check, ...rules } = await loadRules(loadFile, options);
	return {
		...rules,
		async validate(xml, validateOptions) {
			try {
				return check(xml, validateOptions);
			} catch (error) {
				if (!(error instanceof FontoxpathNotLoaded)) throw error;
				await loadFontoxpath();
				return check(xml, validateOptions);
			}
		}
	};
}
