/** The part of a WasmModule the equivalence tests drive: its switch and its count of rows read. */
interface Switchable {
  setEnabled(on: boolean): boolean;
  readonly rowsRead: number;
}

/**
 * Runs `read` with the module turned off, then on, and gives both results and the rows the module
 * read the second time (tests check that it really reads, not only that the results agree). The
 * module's setting is restored whatever happens.
 */
export function withModuleOffAndOn<T>(module: Switchable, read: () => T): { off: T; on: T; rowsRead: number } {
  const was = module.setEnabled(false);
  try {
    const off = read();
    module.setEnabled(true);
    const before = module.rowsRead;
    const on = read();
    return { off, on, rowsRead: module.rowsRead - before };
  } finally {
    module.setEnabled(was);
  }
}
