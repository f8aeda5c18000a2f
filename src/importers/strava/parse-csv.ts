/**
 * RFC 4180 CSV: fields separated by commas, optionally quoted with '"', a doubled quote inside a
 * quoted field stands for one quote, quoted fields may hold commas and line breaks, and records
 * end with CRLF or LF. A leading UTF-8 BOM is dropped. Fully blank lines are skipped.
 */
export interface CsvRecord {
  fields: string[];
  /** 1-based line on which the record starts. */
  line: number;
}

export interface CsvParseResult {
  records: CsvRecord[];
  /** True when the text ends inside a quoted field (a cut-short file). */
  unterminatedQuote: boolean;
}

export function parseCsv(text: string): CsvParseResult {
  const records: CsvRecord[] = [];
  const len = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let fields: string[] = [];
  let recordLine = 1;
  let unterminatedQuote = false;

  const endRecord = (): void => {
    if (!(fields.length === 1 && fields[0] === "")) records.push({ fields, line: recordLine });
    fields = [];
  };

  while (pos <= len) {
    if (fields.length === 0) recordLine = line;
    if (text.charCodeAt(pos) === 34 /* " */) {
      let value = "";
      let from = pos + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) {
          value += text.slice(from);
          unterminatedQuote = true;
          pos = len;
          break;
        }
        value += text.slice(from, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          from = q + 2;
        } else {
          pos = q + 1;
          break;
        }
      }
      line += countNewlines(value);
      // Anything between the closing quote and the next separator is kept, as lenient readers do.
      const next = nextSeparator(text, pos);
      value += text.slice(pos, next);
      fields.push(value);
      pos = next;
    } else {
      const next = nextSeparator(text, pos);
      fields.push(text.slice(pos, next));
      pos = next;
    }
    if (pos >= len) {
      endRecord();
      break;
    }
    const c = text.charCodeAt(pos);
    if (c === 44 /* , */) {
      pos++;
      if (pos === len) {
        fields.push("");
        endRecord();
        break;
      }
      continue;
    }
    // A line break: CRLF, LF or a lone CR.
    pos += c === 13 && text.charCodeAt(pos + 1) === 10 ? 2 : 1;
    line++;
    endRecord();
    if (pos >= len) break;
  }
  return { records, unterminatedQuote };
}

function nextSeparator(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 10 || c === 13) return i;
  }
  return text.length;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
