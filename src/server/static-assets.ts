/*
 * Requests for the web app's build files, told apart from the app's own pages.
 *
 * During a rolling upgrade old and new instances serve side by side, and the page from one names
 * hashed files (/assets/index-3f9a1c.js) that only its own build has. Answering such a request
 * with the app shell (HTML, 200) would hand the browser a "script" it cannot run: a blank page,
 * and a proxy that cannot tell the miss from a hit. A plain 404 lets the proxy try another
 * instance (docs/deploy.md) and keeps anyone from caching the miss.
 */

/** Vite writes every hashed build file under /assets/. */
const ASSET_PREFIX = "/assets/";
/** File types the app shell never is: a missing one is a missing file, wherever it is asked for. */
const FILE_EXTENSION =
  /\.(?:m?js|css|map|json|wasm|woff2?|ttf|otf|png|jpe?g|gif|svg|webp|avif|ico|txt|webmanifest)$/i;

/** True for a request that must be a file of the build: never answered with the app shell. */
export function isBuildFileRequest(url: string): boolean {
  const pathname = url.split(/[?#]/, 1)[0] ?? "";
  return pathname.startsWith(ASSET_PREFIX) || FILE_EXTENSION.test(pathname);
}

/** A file of the build under assets/ (Vite names each by its content hash): safe to cache for good. */
export function isHashedBuildFile(filePath: string): boolean {
  return /[\\/]assets[\\/][^\\/]+$/.test(filePath);
}
