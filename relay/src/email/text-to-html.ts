const ESCAPES: Readonly<Record<string, string>> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/**
 * The HTML part of an invoice e-mail, built by the relay from the template's plain text: every
 * character escaped, blank lines as paragraphs, single newlines as <br>. A client therefore cannot
 * mail markup, links, forms, scripts or tracking pixels through the relay.
 */
export function textToHtml(text: string): string {
	const paragraphs = text
		.replace(/\r\n?/g, '\n')
		.split(/\n{2,}/)
		.map((paragraph) => paragraph.trim())
		.filter((paragraph) => paragraph !== '')
		.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>\n')}</p>`);
	return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.4">\n${paragraphs.join('\n')}\n</body></html>`;
}
