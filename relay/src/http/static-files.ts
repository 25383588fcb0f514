import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
	appContentSecurityPolicy,
	baseSecurityHeaders,
	inlineScriptHashes
} from './security-headers.js';
import { negotiateEncoding, type Encoding } from './accept-encoding.js';
import { createCompressedFiles, isCompressible } from './compressed-files.js';
import type { Logger } from '../log.js';

const contentTypes: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.map': 'application/json; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8',
	'.xml': 'application/xml; charset=utf-8',
	'.xsd': 'application/xml; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.webp': 'image/webp',
	'.ico': 'image/x-icon',
	'.woff': 'font/woff',
	'.woff2': 'font/woff2',
	'.ttf': 'font/ttf',
	'.pdf': 'application/pdf',
	'.wasm': 'application/wasm'
};

/**
 * Hashed build output never changes, so it is cached for a year; everything else (index.html, the
 * service worker, the manifest, version.json) must be revalidated so an update reaches the user.
 */
function cacheControl(relativePath: string): string {
	if (relativePath.startsWith('_app/immutable/')) return 'public, max-age=31536000, immutable';
	return 'no-cache';
}

export interface StaticFiles {
	/** Serves the built app, with index.html as the fallback for client-side routes. */
	serve(req: IncomingMessage, res: ServerResponse, pathname: string): void;
}

export function createStaticFiles(
	root: string,
	options: { connectSources: readonly string[]; log?: Logger } = { connectSources: [] }
): StaticFiles {
	const resolvedRoot = path.resolve(root);
	const fallback = path.join(resolvedRoot, 'index.html');
	const compressed = createCompressedFiles((file) =>
		options.log?.warn('static-compression-failed', {
			path: path.relative(resolvedRoot, file).split(path.sep).join('/')
		})
	);
	const plainPolicy = appContentSecurityPolicy({
		scriptHashes: [],
		connectSources: options.connectSources
	});
	// An HTML file's policy allows exactly its own inline scripts, hashed from the file as served;
	// a rebuild changes size or mtime and so the hashes.
	const htmlPolicies = new Map<string, { version: string; policy: string }>();
	const policyFor = (file: string, stat: fs.Stats): string => {
		if (path.extname(file).toLowerCase() !== '.html') return plainPolicy;
		const version = `${stat.size}-${stat.mtimeMs}`;
		const cached = htmlPolicies.get(file);
		if (cached?.version === version) return cached.policy;
		let html: string;
		try {
			html = fs.readFileSync(file, 'utf8');
		} catch {
			return plainPolicy; // replaced mid-request: the next request hashes the new file
		}
		const policy = appContentSecurityPolicy({
			scriptHashes: inlineScriptHashes(html),
			connectSources: options.connectSources
		});
		htmlPolicies.set(file, { version, policy });
		return policy;
	};

	const sendFile = async (
		req: IncomingMessage,
		res: ServerResponse,
		file: string,
		stat: fs.Stats,
		status = 200
	): Promise<void> => {
		const relative = path.relative(resolvedRoot, file).split(path.sep).join('/');
		const compressible = isCompressible(file, stat.size);
		const encoding = compressible ? negotiateEncoding(req.headers['accept-encoding']) : 'identity';
		const version = `${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}`;
		// Each coding is its own representation (RFC 9110 §8.8.3), so it has its own validator.
		const etagOf = (coding: Encoding) =>
			coding === 'identity' ? `W/"${version}"` : `W/"${version}-${coding}"`;
		const headers: Record<string, string> = {
			'content-type': contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
			'cache-control': cacheControl(relative),
			etag: etagOf(encoding),
			'last-modified': stat.mtime.toUTCString(),
			...baseSecurityHeaders,
			// The policy hashes the decoded HTML, which is what the browser hashes whatever the coding.
			'content-security-policy': policyFor(file, stat)
		};
		// Caches must key a compressible file on the request's codings, identity answers included.
		if (compressible) headers['vary'] = 'Accept-Encoding';
		if (relative === 'service-worker.js') headers['service-worker-allowed'] = '/';
		if (req.headers['if-none-match'] === headers['etag']) {
			res.writeHead(304, headers).end();
			return;
		}
		const body = encoding === 'identity' ? undefined : await compressed.get(file, stat, encoding);
		if (res.destroyed) return;
		if (body && encoding !== 'identity') {
			headers['content-encoding'] = encoding;
			headers['content-length'] = String(body.length);
			res.writeHead(status, headers);
			res.end(req.method === 'HEAD' ? undefined : body);
			return;
		}
		headers['etag'] = etagOf('identity');
		headers['content-length'] = String(stat.size);
		res.writeHead(status, headers);
		if (req.method === 'HEAD') {
			res.end();
			return;
		}
		fs.createReadStream(file)
			.on('error', () => res.destroy())
			.pipe(res);
	};

	// Nothing in sendFile is expected to throw; if it does, this one answer fails, not the relay.
	const deliver = (req: IncomingMessage, res: ServerResponse, file: string, stat: fs.Stats) => {
		sendFile(req, res, file, stat).catch(() => res.destroy());
	};

	const plain = (
		res: ServerResponse,
		status: number,
		text: string,
		extra: Record<string, string> = {}
	) => {
		res
			.writeHead(status, {
				'content-type': 'text/plain; charset=utf-8',
				'cache-control': 'no-cache',
				...baseSecurityHeaders,
				'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
				...extra
			})
			.end(text);
	};

	const statFile = (file: string): fs.Stats | undefined => {
		try {
			const stat = fs.statSync(file);
			return stat.isFile() ? stat : undefined;
		} catch {
			return undefined;
		}
	};

	return {
		serve(req, res, pathname) {
			if (req.method !== 'GET' && req.method !== 'HEAD')
				return plain(res, 405, 'Method not allowed', { allow: 'GET, HEAD' });
			let decoded: string;
			try {
				decoded = decodeURIComponent(pathname);
			} catch {
				return plain(res, 400, 'Bad path');
			}
			const file = path.resolve(resolvedRoot, '.' + path.posix.normalize('/' + decoded));
			const inside = file === resolvedRoot || file.startsWith(resolvedRoot + path.sep);
			if (inside && !decoded.includes('\0')) {
				for (const candidate of [file, path.join(file, 'index.html'), file + '.html']) {
					const stat = statFile(candidate);
					if (stat) return deliver(req, res, candidate, stat);
				}
			}
			// A path with a file extension is a missing asset; anything else is a client-side route.
			if (path.extname(decoded) === '' || decoded.endsWith('.html')) {
				const stat = statFile(fallback);
				if (stat) return deliver(req, res, fallback, stat);
				return plain(
					res,
					404,
					'The Billfold app is not built here. Run `npm run build` at the repository root, or set BILLFOLD_STATIC_DIR.'
				);
			}
			plain(res, 404, 'Not found');
		}
	};
}
