// Property: any valid invoice document the domain can produce becomes UBL that the official
// Peppol BIS 3.0 + EN 16931 rules and the UBL 2.1 XSD accept without a fatal finding.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFinding, type PeppolValidator } from '$lib/peppol-rules';
import { nodeValidator } from '$lib/peppol-rules/node';
import { parseInvoiceDocument, type InvoiceDocument } from '$lib/document';
import { toUbl } from '$lib/ubl';
import { arbitraryInvoiceDocument } from '../factories';

const PEPPOL_READY_RUNS = 300;
const NOT_ON_PEPPOL_RUNS = 60;

/** A few bytes per attachment and sometimes a PDF, so embedding is exercised too. */
const arbitraryCase = (peppolReady: boolean) =>
	fc.record({
		document: arbitraryInvoiceDocument({ peppolReady }),
		bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
		withPdf: fc.boolean()
	});

function render(document: InvoiceDocument, bytes: Uint8Array, withPdf: boolean) {
	const parsed = parseInvoiceDocument(JSON.parse(JSON.stringify(document)));
	expect(parsed.ok ? [] : parsed.errors).toEqual([]);
	return toUbl(document, {
		pdf: withPdf ? bytes : undefined,
		attachmentContents: new Map(document.attachments.map((attachment) => [attachment.id, bytes]))
	});
}

const ruleWarnings = new Map<string, number>();
const count = (counts: Map<string, number>, id: string) =>
	counts.set(id, (counts.get(id) ?? 0) + 1);

/** Validates once; returns the fatal findings and counts the warnings. */
function realFatalFindings(xml: string): string[] {
	const result = validator.validate(xml);
	for (const finding of result.warnings) count(ruleWarnings, finding.id);
	return result.fatal.map(formatFinding);
}

let validator: PeppolValidator;
beforeAll(async () => {
	validator = await nodeValidator();
});

afterAll(() => {
	console.info('rule warnings:', Object.fromEntries(ruleWarnings));
});

describe('UBL of random valid documents', () => {
	it(`${PEPPOL_READY_RUNS} Peppol-ready documents: zero fatal findings, nothing for the caller to fix`, () => {
		fc.assert(
			fc.property(arbitraryCase(true), ({ document, bytes, withPdf }) => {
				const { xml, warnings } = render(document, bytes, withPdf);
				expect(warnings).toEqual([]);
				expect(realFatalFindings(xml)).toEqual([]);
			}),
			{ numRuns: PEPPOL_READY_RUNS }
		);
		expect(Object.fromEntries(ruleWarnings)).toEqual({});
	}, 900_000);

	it(`${NOT_ON_PEPPOL_RUNS} documents for private buyers too: zero fatal findings`, () => {
		fc.assert(
			fc.property(arbitraryCase(false), ({ document, bytes, withPdf }) => {
				const { xml, warnings } = render(document, bytes, withPdf);
				for (const warning of warnings) expect(warning.code).toBe('buyer-not-on-peppol');
				expect(realFatalFindings(xml)).toEqual([]);
			}),
			{ numRuns: NOT_ON_PEPPOL_RUNS }
		);
	}, 300_000);
});
