import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { guard } from '../guard.js';
import type { RateLimiter } from '../http/rate-limiter.js';
import type { DeviceAuth } from '../http/router.js';
import { errorKind, type Logger } from '../log.js';
import {
	clientMessageSchema,
	closeCodes,
	SOCKET_PUSH_MAX_BYTES,
	type ServerMessage
} from '../protocol/index.js';
import type { PushSession, SocketPushHandler } from './socket-push.js';

export interface EventHub {
	/** To every socket of the workspace but `except` (a socket told otherwise, see sync-pokes.ts). */
	publish(workspaceId: string, message: unknown, except?: object): void;
	/** Whether a device of the workspace is connected to this process (worth a lookup to poke). */
	hasListeners(workspaceId: string): boolean;
	disconnectDevice(deviceId: string): void;
	close(): void;
}

interface Connection {
	socket: WebSocket;
	auth: DeviceAuth | undefined;
	/** Set with `auth`: what the socket's sync pushes need. */
	pushes: PushSession | undefined;
	authenticating: boolean;
	alive: boolean;
	address: string;
}

const EVENTS_PATH = /^\/api\/v1\/workspaces\/([^/]+)\/events$/;

const statusText: Record<number, string> = {
	400: 'Bad Request',
	404: 'Not Found',
	429: 'Too Many Requests'
};

function rawBytes(data: WebSocket.RawData): Buffer {
	if (Buffer.isBuffer(data)) return data;
	return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

/**
 * GET /api/v1/workspaces/:workspaceId/events upgrades to a WebSocket. Browsers cannot set an
 * Authorization header on a WebSocket, so the first message must be {type:"auth", token}; the
 * relay answers {type:"ready"} or closes with 4401 (bad token) or 4403 (another workspace).
 * Afterwards it pushes {type:"job", job} whenever a job of the workspace changes, and the device
 * may send sync pushes as binary messages (socket-push.ts), each answered push-ack or push-error.
 *
 * Before authentication a socket costs the relay memory and a timer while proving nothing, so
 * each client address has a budget of upgrade attempts (token bucket) and of sockets that have not
 * authenticated yet; past either, the upgrade gets a 429.
 */
export function createEventHub(options: {
	server: Server;
	authenticate: (token: string) => Promise<DeviceAuth | undefined>;
	clientAddress: (req: IncomingMessage) => string;
	upgradeLimiter: RateLimiter;
	maxPendingPerAddress: number;
	now: () => number;
	log: Logger;
	authTimeoutMs: number;
	heartbeatMs: number;
	push: SocketPushHandler;
}): EventHub {
	const { log } = options;
	// A larger message closes the socket (1009); the app sends pushes of that size over HTTP.
	const wss = new WebSocketServer({ noServer: true, maxPayload: SOCKET_PUSH_MAX_BYTES });
	const connections = new Set<Connection>();
	const pendingByAddress = new Map<string, number>();
	/** Authenticated connections by workspace: a publish visits only the workspace's own sockets. */
	const byWorkspace = new Map<string, Set<Connection>>();
	const addAuthenticated = (workspaceId: string, connection: Connection): void => {
		let set = byWorkspace.get(workspaceId);
		if (set === undefined) {
			set = new Set();
			byWorkspace.set(workspaceId, set);
		}
		set.add(connection);
	};
	const removeAuthenticated = (workspaceId: string, connection: Connection): void => {
		const set = byWorkspace.get(workspaceId);
		if (set === undefined) return;
		set.delete(connection);
		if (set.size === 0) byWorkspace.delete(workspaceId);
	};

	const addPending = (address: string, delta: 1 | -1): void => {
		const count = (pendingByAddress.get(address) ?? 0) + delta;
		if (count <= 0) pendingByAddress.delete(address);
		else pendingByAddress.set(address, count);
	};

	const reject = (socket: Duplex, status: number, headers = ''): void => {
		log.info('events-rejected', { status });
		socket.end(
			`HTTP/1.1 ${status} ${statusText[status] ?? ''}\r\n${headers}Connection: close\r\nContent-Length: 0\r\n\r\n`
		);
	};

	const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
		// Node detaches its own error listener before 'upgrade': without this, a client that resets
		// the connection while we answer would throw an unhandled 'error' and end the process.
		socket.on('error', () => socket.destroy());
		const address = options.clientAddress(req);
		const retryMs = options.upgradeLimiter.take(address, options.now());
		if (retryMs > 0)
			return reject(socket, 429, `Retry-After: ${Math.max(1, Math.ceil(retryMs / 1000))}\r\n`);
		const pathname = (req.url ?? '').split('?')[0] ?? '';
		const match = EVENTS_PATH.exec(pathname);
		if (match === null) return reject(socket, 404);
		let workspaceId: string;
		try {
			workspaceId = decodeURIComponent(match[1] ?? '');
		} catch {
			return reject(socket, 400); // malformed percent-encoding
		}
		if ((pendingByAddress.get(address) ?? 0) >= options.maxPendingPerAddress)
			return reject(socket, 429, 'Retry-After: 1\r\n');
		wss.handleUpgrade(
			req,
			socket,
			head,
			guard(log, 'events-accept-failed', (ws: WebSocket) => accept(ws, workspaceId, address), {
				recover: (ws) => ws.terminate()
			})
		);
	};

	const accept = (socket: WebSocket, workspaceId: string, address: string): void => {
		const connection: Connection = {
			socket,
			auth: undefined,
			pushes: undefined,
			authenticating: false,
			alive: true,
			address
		};
		connections.add(connection);
		addPending(address, 1);
		const closeWith = (code: number, reason: string) => () => socket.close(code, reason);
		const authTimer = setTimeout(
			guard(log, 'events-timer-failed', closeWith(closeCodes.unauthorized, 'authenticate first'), {
				recover: () => socket.terminate()
			}),
			options.authTimeoutMs
		);
		socket.on('pong', () => (connection.alive = true));
		socket.on(
			'close',
			guard(log, 'events-close-failed', () => {
				clearTimeout(authTimer);
				if (connection.auth === undefined) addPending(address, -1);
				else removeAuthenticated(connection.auth.workspaceId, connection);
				connections.delete(connection);
			})
		);
		// ws reports bad frames (oversized, invalid UTF-8, unmasked…) here and closes on its own.
		socket.on('error', () => socket.terminate());
		const onMessage = async (data: WebSocket.RawData, isBinary: boolean): Promise<void> => {
			if (connection.pushes !== undefined && isBinary) {
				await options.push(connection.pushes, rawBytes(data));
				return;
			}
			if (isBinary || connection.auth !== undefined || connection.authenticating) {
				socket.close(closeCodes.badMessage, 'unexpected message');
				return;
			}
			let parsed: unknown;
			try {
				parsed = JSON.parse(data.toString());
			} catch {
				socket.close(closeCodes.badMessage, 'not JSON');
				return;
			}
			const message = clientMessageSchema.safeParse(parsed);
			if (!message.success) {
				socket.close(closeCodes.badMessage, 'expected {type:"auth",token}');
				return;
			}
			clearTimeout(authTimer);
			// A second message while the lookup runs is refused like any message after auth.
			connection.authenticating = true;
			const auth = await options.authenticate(message.data.token);
			if (socket.readyState !== socket.OPEN) return;
			if (auth === undefined) {
				socket.close(closeCodes.unauthorized, 'invalid token');
				return;
			}
			if (auth.workspaceId !== workspaceId) {
				socket.close(closeCodes.forbidden, 'another workspace');
				return;
			}
			connection.auth = auth;
			connection.pushes = {
				socket,
				token: message.data.token,
				workspaceId,
				inFlight: 0,
				overCap: false
			};
			addPending(address, -1);
			addAuthenticated(workspaceId, connection);
			const ready: ServerMessage = {
				type: 'ready',
				workspaceId,
				deviceId: auth.deviceId,
				pushes: true
			};
			socket.send(JSON.stringify(ready));
			log.debug('events-connected', { workspaceId, deviceId: auth.deviceId });
		};
		socket.on(
			'message',
			guard(log, 'events-message-failed', onMessage, {
				fields: { workspaceId },
				recover: () => socket.close(closeCodes.internalError, 'internal error')
			})
		);
	};

	/** Runs `act` on each connection; one failing socket never stops the others. */
	const eachConnection = (
		event: string,
		select: (connection: Connection) => boolean,
		act: (connection: Connection) => void,
		among: Iterable<Connection> = connections
	): void => {
		for (const connection of among) {
			if (!select(connection)) continue;
			try {
				act(connection);
			} catch (error) {
				log.error(event, { error: errorKind(error) });
				connection.socket.terminate();
			}
		}
	};

	const upgradeListener = guard(log, 'events-upgrade-failed', onUpgrade, {
		recover: (_req, socket) => socket.destroy()
	});
	options.server.on('upgrade', upgradeListener);
	const heartbeat = setInterval(
		guard(log, 'events-heartbeat-failed', () =>
			eachConnection(
				'events-heartbeat-failed',
				() => true,
				(connection) => {
					if (!connection.alive) {
						connection.socket.terminate();
						return;
					}
					connection.alive = false;
					connection.socket.ping();
				}
			)
		),
		options.heartbeatMs
	);
	heartbeat.unref();

	return {
		publish(workspaceId, message, except) {
			const sockets = byWorkspace.get(workspaceId);
			if (sockets === undefined) return;
			// Encoded once for all the workspace's sockets: a poke with rows is kilobytes of text,
			// which ws would otherwise turn into bytes again for every socket. A snapshot of the set,
			// as a failing socket is terminated (and leaves the set) during the loop.
			const bytes = Buffer.from(JSON.stringify(message), 'utf8');
			eachConnection(
				'events-publish-failed',
				(connection) => connection.socket !== except,
				(connection) => connection.socket.send(bytes, { binary: false }),
				[...sockets]
			);
		},
		hasListeners(workspaceId) {
			return byWorkspace.has(workspaceId);
		},
		disconnectDevice(deviceId) {
			eachConnection(
				'events-disconnect-failed',
				(connection) => connection.auth?.deviceId === deviceId,
				(connection) => connection.socket.close(closeCodes.unauthorized, 'device revoked')
			);
		},
		close() {
			clearInterval(heartbeat);
			options.server.off('upgrade', upgradeListener);
			eachConnection(
				'events-close-failed',
				() => true,
				(connection) => connection.socket.close(closeCodes.goingAway, 'relay shutting down')
			);
			wss.close();
		}
	};
}
