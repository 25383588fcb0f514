// The official Peppol BIS Billing 3.0 rules (UBL 2.1 XSD + CEN EN 16931 + Peppol Schematron),
// evaluated in the browser or in Node. See README.md.
export {
	createLazyValidator,
	createValidator,
	type CreateOptions,
	type LazyPeppolValidator,
	type LoadFile,
	type PeppolValidator,
	type ValidateOptions
} from './validator';
export { formatFinding, type Finding, type Ruleset, type ValidationResult } from './finding';
export { DATA_FILES, RULE_VERSIONS, type DataFile } from './data-files';
