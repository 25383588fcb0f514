import type { LayoutImage, PdfWarning } from './draw-ops';
import { readImage } from './image-info';

const PROBLEM_TEXT = {
	'not-a-data-url': 'only images embedded in the document (data: URLs) can be drawn offline',
	'unsupported-format': 'only PNG and JPEG images can be embedded',
	unreadable: 'the image data is damaged'
} as const;

/** Gives each distinct image one id, so a logo repeated on every page is embedded once. */
export class ImageRegistry {
	readonly images: LayoutImage[] = [];
	readonly warnings: PdfWarning[] = [];
	private readonly bySource = new Map<string, { id: string; width: number; height: number }>();
	private readonly failed = new Set<string>();

	/** The image's id and pixel size, or undefined (with a warning) when it cannot be embedded. */
	use(src: string): { id: string; width: number; height: number } | undefined {
		const known = this.bySource.get(src);
		if (known || this.failed.has(src)) return known;
		const info = readImage(src);
		if (typeof info === 'string') {
			this.failed.add(src);
			this.warnings.push({
				code: 'image-skipped',
				message: `image ${src.slice(0, 40)}… skipped: ${PROBLEM_TEXT[info]}`
			});
			return undefined;
		}
		const entry = { id: `img${this.images.length + 1}`, width: info.width, height: info.height };
		this.images.push({ id: entry.id, format: info.format, bytes: info.bytes, key: info.key });
		this.bySource.set(src, entry);
		return entry;
	}
}
