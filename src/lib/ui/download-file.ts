/**
 * Hands a file to the browser as a download. The link is attached while it is clicked (some
 * browsers ignore a detached one), and the URL is revoked later, not at once, because the download
 * may start after click() returns.
 */
export function downloadFile(file: File): void {
	const url = URL.createObjectURL(file);
	const link = document.createElement('a');
	link.href = url;
	link.download = file.name;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
