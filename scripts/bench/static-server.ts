import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const types: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.wasm': 'application/wasm'
};

/** Serves the bench bundle on a free loopback port; only files under `root` are reachable. */
export async function serveDirectory(
	root: string
): Promise<{ url: string; close(): Promise<void> }> {
	const server: Server = createServer(async (request, response) => {
		const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
		const file = join(root, path === '/' ? 'index.html' : path);
		if (!file.startsWith(root) || !(await stat(file).catch(() => undefined))?.isFile()) {
			response.writeHead(404).end();
			return;
		}
		response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
		createReadStream(file).pipe(response);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}
