/**
 * What a command may touch of the outside world. Commands take this and return an exit code;
 * only src/cli/main.ts exits the process, so every command is testable in-process.
 */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads all of standard input as UTF-8. */
  readStdin(): Promise<string>;
  /** Reads a file as UTF-8, resolved against cwd. */
  readFile(path: string): Promise<string>;
  /** Writes a file as UTF-8, resolved against cwd. */
  writeFile(path: string, text: string): Promise<void>;
  cwd: string;
  env: Record<string, string | undefined>;
  /** True when stdout is a terminal (progress bars, colours). */
  isTTY: boolean;
  /** Today's date for commands that need one, YYYY-MM-DD in the runner's zone. */
  today(): string;
}

/** Exit codes shared by all commands. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
