/** Where the embedded database lives unless told otherwise (re-exported for the CLI). */
export { DEFAULT_SQLITE_PATH } from "../store/default-path.js";
