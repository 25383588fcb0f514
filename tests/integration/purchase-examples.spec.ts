// What Billfold itself sends must read back exactly when another Billfold user receives it: every
// example in examples/, rendered as the CLI renders it (PDF and attachments embedded), parses into
// a purchase document whose totals are the domain's own computeTotals, cent for cent. And the
// hand-written real-world fixtures of tests/fixtures/inbox pass the official rules, so they are
// the shapes real senders produce, not shapes only our parser accepts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePurchaseDocument } from '$lib/inbox/purchase-parser';
import { purchaseDocumentSummary } from '$lib/inbox/purchase-summary';
import { computeTotals } from '$lib/invoice';
import { centsFromEuros } from '$lib/money';
import { formatFinding, type PeppolValidator } from '$lib/peppol-rules';
import { nodeValidator } from '$lib/peppol-rules/node';
import { utf8 } from '$lib/bytes';
import { exampleAsSent, exampleNames, readExample } from '../factories/examples';

const names = exampleNames;

const cents = (amount: string | undefined) => centsFromEuros(amount ?? '0');

describe('examples/ read back as received documents', () => {
	it.each(names)(
		'%s: the totals, lines, parties and attachments are the ones sent',
		async (name) => {
			const example = readExample(name);
			const { xml, pdf, attachments: contents } = await exampleAsSent(example);
			const result = parsePurchaseDocument(utf8(xml));
			if (!result.ok) throw new Error(result.problem.message);
			const received = result.document;
			const sent = computeTotals(example);

			expect(received.kind).toBe(example.type === 'creditNote' ? 'credit-note' : 'invoice');
			expect(received.number).toBe(example.number);
			expect(received.issueDate).toBe(example.issueDate);
			expect(received.supplier.name).toBe(example.seller.name);
			expect(received.supplier.companyId?.id).toBe(example.seller.enterpriseNumber);
			expect(received.lines).toHaveLength(sent.lines.length);
			expect(received.lines.map((line) => cents(line.lineTotal))).toEqual(
				sent.lines.map((line) => line.netCents)
			);
			expect(cents(received.totals.lineExtension)).toBe(sent.lineExtensionCents);
			expect(cents(received.totals.allowances)).toBe(sent.allowanceTotalCents);
			expect(cents(received.totals.charges)).toBe(sent.chargeTotalCents);
			expect(cents(received.totals.taxExclusive)).toBe(sent.taxExclusiveCents);
			expect(cents(received.totals.tax)).toBe(sent.taxCents);
			expect(cents(received.totals.taxInclusive)).toBe(sent.taxInclusiveCents);
			expect(cents(received.totals.payable)).toBe(sent.payableCents);
			expect(received.vatBreakdown.map((group) => cents(group.taxAmount))).toEqual(
				sent.breakdown.map((group) => group.taxCents)
			);
			expect(purchaseDocumentSummary(received).payable).toEqual({
				currency: 'EUR',
				cents: sent.payableCents
			});

			const embedded = received.attachments.filter((attachment) => attachment.bytes);
			expect(
				embedded.find((attachment) => attachment.mimeType === 'application/pdf')?.bytes
			).toEqual(pdf);
			for (const attachment of example.attachments) {
				const bytes = contents.get(attachment.id);
				if (bytes === undefined) continue;
				const found = embedded.find((candidate) => candidate.fileName === attachment.fileName);
				expect(found?.bytes).toEqual(bytes);
			}
		},
		120_000
	);
});

describe('tests/fixtures/inbox', () => {
	let validator: PeppolValidator;
	beforeAll(async () => {
		validator = await nodeValidator();
	});

	it.each([
		'odd-prefixes-several-rates.xml',
		'missing-optionals.xml',
		'usd-vat-in-eur.xml',
		'credit-note-negative-lines.xml'
	])(
		'%s passes the official Peppol BIS 3.0 rules (no fatal finding)',
		(name) => {
			const result = validator.validate(readFileSync(join('tests/fixtures/inbox', name), 'utf8'));
			expect(result.fatal.map(formatFinding)).toEqual([]);
		},
		120_000
	);
});
