import { test as base, expect } from '@playwright/test';
import { startAppServer, type AppServer } from './app-server';

export const test = base.extend<object, { appServer: AppServer }>({
	appServer: [
		async ({}, use) => {
			const server = await startAppServer();
			await use(server);
			await server.stop();
		},
		{ scope: 'worker' }
	],
	baseURL: async ({ appServer }, use) => {
		await use(appServer.url);
	}
});

export { expect };
