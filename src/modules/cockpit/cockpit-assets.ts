import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.json': 'application/json',
};

export interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * The cockpit's built files (Vite writes them to dist/cockpit after `nest build`). Built next to this
 * module in dist/, or, when the server runs from its TypeScript sources (tests), in the project's dist/.
 * Only files that the build produced are served: names are looked up in the directory listing, never
 * joined from the request, so no path can leave the folder.
 */
export class CockpitAssets {
  private readonly candidates: readonly string[];
  private root: string | null = null;
  private files = new Map<string, Asset>();

  constructor(candidates: readonly string[] = [join(__dirname, '../../cockpit'), join(__dirname, '../../../dist/cockpit')]) {
    this.candidates = candidates;
  }

  /** The page; null until the UI has been built. */
  page(): Buffer | null {
    const root = this.locate();
    return root ? readFileSync(join(root, 'index.html')) : null;
  }

  asset(name: string): Asset | null {
    const root = this.locate();
    if (!root) return null;
    const cached = this.files.get(name);
    if (cached) return cached;
    const listed = readdirSync(join(root, 'assets')).includes(name);
    const contentType = CONTENT_TYPES[extname(name)];
    if (!listed || !contentType) return null;
    const asset = { body: readFileSync(join(root, 'assets', name)), contentType };
    this.files.set(name, asset);
    return asset;
  }

  private locate(): string | null {
    if (this.root && existsSync(join(this.root, 'index.html'))) return this.root;
    this.root = this.candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
    this.files = new Map();
    return this.root;
  }
}
