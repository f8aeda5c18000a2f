import { fileURLToPath } from "node:url";
import path from "node:path";

/** The repository root and ../shared beside it. Tests read shared files from there, never copy them. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SHARED_DIR = path.resolve(REPO_ROOT, "..", "shared");
export const CORPUS_DIR = path.join(SHARED_DIR, "corpus");
export const ASSESSMENT_DIR = path.join(SHARED_DIR, "assessment");
