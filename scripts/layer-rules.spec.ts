import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return (result?.messages ?? [])
		.filter((m) => m.ruleId === 'layers/imports' || m.ruleId === 'no-restricted-syntax')
		.map((m) => m.message);
}

describe('layer rules (architecture.md §2)', () => {
	it('stops the domain from importing Dexie, Svelte or a serializer', async () => {
		expect(
			await importErrors(
				'src/lib/money/probe.ts',
				"import Dexie from 'dexie';\nexport const d = Dexie;\n"
			)
		).toHaveLength(1);
		expect(
			await importErrors(
				'src/lib/vat/probe.ts',
				"import { onMount } from 'svelte';\nexport const m = onMount;\n"
			)
		).toHaveLength(1);
		expect(
			await importErrors(
				'src/lib/invoice/probe.ts',
				"import { toUbl } from '$lib/ubl';\nexport const u = toUbl;\n"
			)
		).toHaveLength(1);
	});

	it('stops the domain from reading the clock', async () => {
		expect(
			await importErrors('src/lib/invoice/probe.ts', 'export const today = new Date();\n')
		).toHaveLength(1);
	});

	it('keeps pdf and ubl apart', async () => {
		expect(
			await importErrors(
				'src/lib/pdf/probe.ts',
				"import { toUbl } from '$lib/ubl';\nexport const u = toUbl;\n"
			)
		).toHaveLength(1);
	});

	it('stops routes and components from reaching storage directly', async () => {
		expect(
			await importErrors(
				'src/routes/probe.ts',
				"import { appDb } from '$lib/storage';\nexport const db = appDb;\n"
			)
		).toHaveLength(1);
		expect(
			await importErrors(
				'src/lib/components/probe.ts',
				"import Dexie from 'dexie';\nexport const d = Dexie;\n"
			)
		).toHaveLength(1);
	});

	it('lets the layers use what they may', async () => {
		expect(
			await importErrors(
				'src/lib/invoice/probe.ts',
				"import { cents } from '$lib/money';\nexport const c = cents;\n"
			)
		).toEqual([]);
		expect(
			await importErrors(
				'src/routes/probe.ts',
				"import { localeState } from '$lib/state/locale.svelte';\nexport const l = localeState;\n"
			)
		).toEqual([]);
	});
});

describe('imports the old rule did not see', () => {
	it('stops a dynamic import() across the layers', async () => {
		expect(
			await importErrors(
				'src/routes/probe.ts',
				"export const load = () => import('$lib/storage');\n"
			)
		).toHaveLength(1);
		expect(
			await importErrors('src/lib/money/probe.ts', 'export const load = () => import(`dexie`);\n')
		).toHaveLength(1);
		expect(
			await importErrors(
				'src/routes/probe.ts',
				"export const load = () => import('$lib/state/locale.svelte');\n"
			)
		).toEqual([]);
	});

	it('resolves a relative path to the layer it climbs into', async () => {
		expect(
			await importErrors(
				'src/lib/components/probe.ts',
				"import { openDb } from '../storage/db';\nexport const o = openDb;\n"
			)
		).toHaveLength(1);
		expect(
			await importErrors(
				'src/routes/invoices/probe.ts',
				"export { appDb } from '../../lib/storage';\n"
			)
		).toHaveLength(1);
		expect(
			await importErrors('src/lib/invoice/probe.ts', "export * from '../pdf/render-invoice';\n")
		).toHaveLength(1);
		expect(
			await importErrors(
				'src/lib/sync/probe.ts',
				"import { openDb } from '../storage/db';\nexport const o = openDb;\n"
			)
		).toEqual([]);
	});
});

describe('state layer', () => {
	it('may import other rune modules but not components', async () => {
		expect(
			await importErrors(
				'src/lib/state/probe.ts',
				"import { sellerStore } from './seller.svelte';\nexport const s = sellerStore;\n"
			)
		).toEqual([]);
		expect(
			await importErrors(
				'src/lib/state/probe.ts',
				"import Table from '$lib/components/InvoiceOverviewTable.svelte';\nexport const c = Table;\n"
			)
		).not.toEqual([]);
	});
});

describe('rules-worker layer', () => {
	it('serves peppol-rules to state only', async () => {
		expect(
			await importErrors(
				'src/lib/rules-worker/probe.ts',
				"import { createValidator } from '$lib/peppol-rules';\nexport const v = createValidator;\n"
			)
		).toEqual([]);
		expect(
			await importErrors(
				'src/lib/rules-worker/probe.ts',
				"import { invoiceService } from '$lib/state/invoices.svelte';\nexport const s = invoiceService;\n"
			)
		).toHaveLength(1);
		expect(
			await importErrors(
				'src/lib/components/probe.ts',
				"import { RulesClient } from '$lib/rules-worker';\nexport const c = RulesClient;\n"
			)
		).toHaveLength(1);
		expect(
			await importErrors(
				'src/lib/state/probe.ts',
				"import { RulesClient } from '$lib/rules-worker';\nexport const c = RulesClient;\n"
			)
		).toEqual([]);
	});
});
