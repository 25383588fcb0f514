/**
 * npm run render -- <document.json>... [--out-dir <dir>] [--attachments <dir>]
 *
 * Turns invoice documents (the JSON format of $lib/document) into their PDF and their Peppol
 * BIS Billing 3.0 UBL with that PDF embedded, writes <number>.pdf and <number>.xml, validates the
 * UBL with the official rules (src/lib/peppol-rules) and prints every finding.
 * Before anything is made, the document passes the same legal checks the app runs before saving.
 * Exit status (with several documents, the highest wins):
 *   0 every document rendered and its UBL passed (warnings allowed)
 *   1 a UBL was refused by the official rules (a fatal finding)
 *   2 usage error (unknown option, no document given)
 *   3 the PDF could not be made (the UBL is then not written)
 *   4 a file could not be read or is not JSON
 *   5 a document is not a valid invoice document (schema, unknown key, or a legal check)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseInvoiceDocument, type InvoiceDocument } from '../src/lib/document';
import { checkInvoiceDocument } from '../src/lib/legal';
import { renderInvoicePdf } from '../src/lib/pdf';
import { formatFinding } from '../src/lib/peppol-rules';
import { toUbl, UblError } from '../src/lib/ubl';

const USAGE =
	'usage: npm run render -- <document.json>... [--out-dir <dir>] [--attachments <dir>]\n' +
	'  --out-dir      where <number>.pdf and <number>.xml are written (default: the current directory)\n' +
	'  --attachments  where attachment files are read by file name (default: <document dir>/attachments)';

const EXIT_OK = 0;
const EXIT_REFUSED_UBL = 1;
const EXIT_USAGE = 2;
const EXIT_NO_PDF = 3;
const EXIT_UNREADABLE = 4;
const EXIT_INVALID_DOCUMENT = 5;

/** The document number as a file name: no path separators or reserved characters. */
function fileStem(number: string): string {
	return number.replace(/[\\/:*?"<>|\s]+/g, '_');
}

function readAttachments(document: InvoiceDocument, dir: string): Map<string, Uint8Array> {
	const contents = new Map<string, Uint8Array>();
	for (const attachment of document.attachments) {
		const path = join(dir, attachment.fileName);
		// A missing file is not an error here: toUbl reports it as an "attachment-missing" warning.
		if (existsSync(path)) contents.set(attachment.id, new Uint8Array(readFileSync(path)));
	}
	return contents;
}

function describeError(error: unknown): string[] {
	if (error instanceof UblError) {
		return error.issues.map((issue) => `${issue.path}: ${issue.message} (${issue.rule})`);
	}
	if (error instanceof Error) return [error.message];
	return [String(error)];
}

async function renderOne(
	file: string,
	outDir: string,
	attachmentsDir: string | undefined
): Promise<number> {
	let json: unknown;
	try {
		json = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		console.error(`✖ ${file}: cannot read it as JSON (${(error as Error).message})`);
		return EXIT_UNREADABLE;
	}
	const parsed = parseInvoiceDocument(json);
	if (!parsed.ok) {
		console.error(`✖ ${file} is not a valid invoice document:`);
		for (const error of parsed.errors)
			console.error(`  ${error.path || '(document)'}: ${error.message}`);
		return EXIT_INVALID_DOCUMENT;
	}
	const document = parsed.value;
	const issues = checkInvoiceDocument(document);
	const legalErrors = issues.filter((issue) => issue.severity === 'error');
	if (legalErrors.length > 0) {
		console.error(`✖ ${file} fails the checks the app runs before saving:`);
	}
	for (const issue of issues) {
		const line = `  ${issue.path || '(document)'}: ${issue.message} (${issue.rule})`;
		if (issue.severity === 'error') console.error(line);
		else console.log(`${line} [warning]`);
	}
	if (legalErrors.length > 0) return EXIT_INVALID_DOCUMENT;
	let pdf: Uint8Array;
	try {
		const rendered = await renderInvoicePdf(document);
		pdf = rendered.bytes;
		for (const warning of rendered.warnings) {
			console.log(`  [pdf ${warning.code}] ${warning.message}`);
		}
	} catch (error) {
		console.error(`✖ ${file}: the PDF could not be made:`);
		for (const line of describeError(error)) console.error(`  ${line}`);
		return EXIT_NO_PDF;
	}
	let result: ReturnType<typeof toUbl>;
	try {
		result = toUbl(document, {
			pdf,
			attachmentContents: readAttachments(
				document,
				attachmentsDir ?? join(dirname(file), 'attachments')
			)
		});
	} catch (error) {
		console.error(`✖ ${file} cannot become Peppol BIS UBL:`);
		for (const line of describeError(error)) console.error(`  ${line}`);
		return EXIT_INVALID_DOCUMENT;
	}
	const xmlPath = join(outDir, `${fileStem(document.number)}.xml`);
	writeFileSync(xmlPath.replace(/\.xml$/, '.pdf'), pdf);
	writeFileSync(xmlPath, result.xml);
	// Loaded only once a UBL exists, so a usage error or a bad document is reported at once.
	const { nodeValidator } = await import('../src/lib/peppol-rules/node');
	const validation = (await nodeValidator()).validate(result.xml);
	const { fatal } = validation;
	const summary = `${fatal.length} fatal, ${validation.warnings.length} warnings`;
	if (fatal.length > 0) console.error(`✖ ${basename(file)} → ${xmlPath} + .pdf (${summary})`);
	else console.log(`✔ ${basename(file)} → ${xmlPath} + .pdf (${summary})`);
	for (const warning of result.warnings) {
		console.log(`  [ubl ${warning.code}] ${warning.path}: ${warning.message}`);
	}
	for (const finding of [...fatal, ...validation.warnings])
		console.log(`  ${formatFinding(finding)}`);
	return fatal.length > 0 ? EXIT_REFUSED_UBL : EXIT_OK;
}

async function main(argv: string[]): Promise<number> {
	let args: ReturnType<
		typeof parseArgs<{
			options: {
				'out-dir': { type: 'string' };
				attachments: { type: 'string' };
				help: { type: 'boolean' };
			};
			allowPositionals: true;
		}>
	>;
	try {
		args = parseArgs({
			args: argv,
			options: {
				'out-dir': { type: 'string' },
				attachments: { type: 'string' },
				help: { type: 'boolean' }
			},
			allowPositionals: true
		});
	} catch (error) {
		console.error(`${(error as Error).message}\n${USAGE}`);
		return EXIT_USAGE;
	}
	if (args.values.help) {
		console.log(USAGE);
		return EXIT_OK;
	}
	if (args.positionals.length === 0) {
		console.error(USAGE);
		return EXIT_USAGE;
	}
	const outDir = resolve(args.values['out-dir'] ?? '.');
	mkdirSync(outDir, { recursive: true });
	let status = EXIT_OK;
	for (const file of args.positionals) {
		status = Math.max(status, await renderOne(file, outDir, args.values.attachments));
	}
	return status;
}

process.exitCode = await main(process.argv.slice(2));
