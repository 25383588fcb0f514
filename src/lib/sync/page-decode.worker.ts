/// <reference lib="webworker" />
// Decodes pulled pages for a new device's first sync (see page-decode.ts), off the main thread.
import { decodePage, describeFailure, type PageDecodeRequest } from './page-decode';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener(
	'message',
	(event: MessageEvent<{ id: number; request: PageDecodeRequest }>) => {
		const { id, request } = event.data;
		decodePage(request).then(
			(decoded) => scope.postMessage({ id, decoded }),
			(error: unknown) => scope.postMessage({ id, failure: describeFailure(error) })
		);
	}
);
