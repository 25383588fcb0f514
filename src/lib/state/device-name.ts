/** How this device names itself on the relay's device list: "Firefox on Linux". */
export function deviceName(
	agent = typeof navigator === 'undefined' ? '' : navigator.userAgent
): string {
	const platform = /Android/.test(agent)
		? 'Android'
		: /iPhone|iPad/.test(agent)
			? 'iOS'
			: /Mac OS/.test(agent)
				? 'Mac'
				: /Windows/.test(agent)
					? 'Windows'
					: /Linux/.test(agent)
						? 'Linux'
						: 'Device';
	const browser = /Firefox\//.test(agent)
		? 'Firefox'
		: /Edg\//.test(agent)
			? 'Edge'
			: /Chrome\//.test(agent)
				? 'Chrome'
				: /Safari\//.test(agent)
					? 'Safari'
					: 'Browser';
	return `${browser} on ${platform}`;
}
