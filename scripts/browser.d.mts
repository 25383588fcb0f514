export const systemChromium: string;
export const chromiumArgs: string[];
export function launchOptions(): { executablePath?: string; args: string[] };
