export type MessageTree = { [key: string]: string | MessageTree };

/** One language's feature files merged; each file owns its own top-level groups. */
export function mergeFeatureFiles(files: Record<string, unknown>): MessageTree {
	const merged: MessageTree = {};
	for (const tree of Object.values(files)) Object.assign(merged, tree as MessageTree);
	return merged;
}
