// The valid documents the rule mutations start from, by a short name: paths from the repository root.
export const BASES = {
	invoice: 'tests/fixtures/peppol/be-sole-trader-invoice.xml',
	creditNote: 'tests/fixtures/peppol/be-sole-trader-creditnote.xml',
	allowances: 'src/lib/peppol-rules/data/examples/Allowance-example.xml',
	exempt: 'src/lib/peppol-rules/data/examples/vat-category-E.xml',
	outside: 'src/lib/peppol-rules/data/examples/vat-category-O.xml',
	zero: 'src/lib/peppol-rules/data/examples/vat-category-Z.xml',
	base: 'src/lib/peppol-rules/data/examples/base-example.xml'
} as const;
