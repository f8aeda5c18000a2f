/** The reader's locale for dates and numbers: the browser's own language. */
export function browserLocale(): string {
  return globalThis.navigator?.languages?.[0] ?? globalThis.navigator?.language ?? "en-GB";
}
