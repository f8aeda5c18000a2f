export { scanXml, lineAt } from "./scan-xml.js";
export type { XmlAttributes, XmlScanResult, XmlVisitor } from "./scan-xml.js";
export { decodeXmlBytes, isUtf8Xml } from "./decode-xml-bytes.js";
export { decodeXmlText } from "./decode-entities.js";
export { parseXsdDateTime } from "./parse-xsd-date-time.js";
export type { XsdDateTime } from "./parse-xsd-date-time.js";
export {
  EVENT_CLOSE,
  EVENT_END,
  EVENT_OPEN,
  FastPathUnsupported,
  NameTable,
  XmlByteCursor,
  isXmlSpace,
  tryFastPath,
} from "./byte-cursor.js";
export { PointTemplate, SLOT_SKIP, TEMPLATE_REFUSE, TemplateSet } from "./point-template.js";
export type { TemplateRules } from "./point-template.js";
export type { PointRows } from "./point-runs.js";
export { XsdTimeReader, isBlankAt, numberAt, parseFloatAt, textAt } from "./byte-values.js";
