import type { Issue } from '$lib/legal';

export type ChecklistKey =
	| 'nameAndLegalForm'
	| 'address'
	| 'enterpriseNumber'
	| 'vat'
	| 'bank'
	| 'phone'
	| 'email'
	| 'website';

export interface ChecklistEntry {
	key: ChecklistKey;
	done: boolean;
	/** Required entries block a compliant invoice; the others are recommended. */
	required: boolean;
	/** What is wrong, in the user's language, when not done. */
	problems: string[];
}

const PATHS: Record<ChecklistKey, (path: string) => boolean> = {
	nameAndLegalForm: (path) => path === 'name' || path === 'legalForm',
	address: (path) => path.startsWith('address.'),
	enterpriseNumber: (path) => path === 'enterpriseNumber',
	vat: (path) => path === 'vatNumber',
	bank: (path) => path === 'iban' || path === 'bic',
	phone: () => false,
	email: (path) => path === 'email',
	website: () => false
};

/**
 * The seller-profile checklist: the legal checks decide the required entries; phone and website
 * are recommended (the law asks for them only "if any"), so they are done once filled in.
 */
export function sellerChecklist(
	issues: readonly Issue[],
	filled: { phone: string; website: string }
): ChecklistEntry[] {
	const keys = Object.keys(PATHS) as ChecklistKey[];
	return keys.map((key) => {
		if (key === 'phone' || key === 'website') {
			return { key, done: filled[key].trim() !== '', required: false, problems: [] };
		}
		const problems = [
			...new Set(issues.filter((issue) => PATHS[key](issue.path)).map((issue) => issue.message))
		];
		return { key, done: problems.length === 0, required: true, problems };
	});
}

export function checklistComplete(entries: readonly ChecklistEntry[]): boolean {
	return entries.every((entry) => entry.done || !entry.required);
}
