import { createHash } from 'node:crypto';

/**
 * On every answer: no MIME sniffing, no framing (clickjacking), and no Referer, because invite and
 * join links carry their tokens in the query string.
 */
export const baseSecurityHeaders: Readonly<Record<string, string>> = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'no-referrer'
};

/** API answers are data, never a document: nothing may run or load in them. */
export const apiSecurityHeaders: Readonly<Record<string, string>> = {
	...baseSecurityHeaders,
	'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
};

/**
 * Sources the app may connect to besides its own origin ('self', which also covers ws(s) to the
 * same host): the relay's public URL and its WebSocket form, when the relay knows it.
 */
export function connectSources(publicUrl: string | undefined): string[] {
	if (publicUrl === undefined) return [];
	const { origin, protocol, host } = new URL(publicUrl);
	return [origin, `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}`];
}

/**
 * CSP source expressions ('sha256-…') for every inline <script> of an HTML file, so that exactly
 * SvelteKit's boot script may run and no injected one. The hash covers the text between the tags,
 * with line breaks normalised as the HTML parser does.
 */
export function inlineScriptHashes(html: string): string[] {
	const hashes: string[] = [];
	for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
		const attributes = match[1] ?? '';
		if (/\bsrc\s*=/i.test(attributes)) continue;
		const text = (match[2] ?? '').replace(/\r\n?/g, '\n');
		hashes.push(`'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
	}
	return hashes;
}

/**
 * The built app's policy. Scripts: only our own files, the boot script's hash, and WebAssembly
 * compilation (the UBL validator runs libxml2 compiled to wasm in a worker) — never
 * 'unsafe-inline' or eval. Styles keep 'unsafe-inline': the rich-text editor (tiptap) injects its
 * stylesheet and writes text-align as style attributes, and Svelte's style: directives set inline
 * styles; a style cannot run code. blob: covers PDF previews in frames, downloads, logo
 * previews and reading a preview's bytes back (a blob URL is the page's own, never remote);
 * data: covers embedded images and fonts.
 */
export function appContentSecurityPolicy(options: {
	scriptHashes: readonly string[];
	connectSources: readonly string[];
}): string {
	const directives: [string, ...string[]][] = [
		['default-src', "'self'"],
		['script-src', "'self'", "'wasm-unsafe-eval'", ...options.scriptHashes],
		['style-src', "'self'", "'unsafe-inline'"],
		['img-src', "'self'", 'data:', 'blob:'],
		['font-src', "'self'", 'data:'],
		// data: because the bundler inlines the rule engine's small XSD files as data: URLs, which
		// the validator worker fetches; a data: URL reaches no server.
		['connect-src', "'self'", 'blob:', 'data:', ...options.connectSources],
		['worker-src', "'self'"],
		['frame-src', "'self'", 'blob:'],
		['manifest-src', "'self'"],
		['object-src', "'none'"],
		['base-uri', "'none'"],
		['form-action', "'self'"],
		['frame-ancestors', "'none'"]
	];
	return directives.map((directive) => directive.join(' ')).join('; ');
}
