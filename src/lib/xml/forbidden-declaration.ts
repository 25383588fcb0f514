/**
 * Files from outside (bank statements, received invoices) must not carry a DTD: its entities could
 * load local files or URLs (XXE) or expand to gigabytes (billion laughs, quadratic blowup). saxes
 * expands no declared entity, and this check refuses any `<!DOCTYPE` or `<!ENTITY` before a parser
 * sees the text, so nothing is expanded or fetched, whatever the parser. The check is deliberately
 * blunt: such a declaration in a comment or CDATA is refused too; no honest file needs one.
 */
export interface ForbiddenDeclaration {
	declaration: 'DOCTYPE' | 'ENTITY';
	line: number;
}

export function findForbiddenDeclaration(text: string): ForbiddenDeclaration | undefined {
	const found = /<!(DOCTYPE|ENTITY)/i.exec(text);
	if (!found) return undefined;
	return {
		declaration: found[1]!.toUpperCase() as ForbiddenDeclaration['declaration'],
		line: lineAt(text, found.index)
	};
}

/** The 1-based line of a character offset. */
export function lineAt(text: string, index: number): number {
	let line = 1;
	for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1))
		line++;
	return line;
}
