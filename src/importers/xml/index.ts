export { scanXml, lineAt } from "./scan-xml.js";
export type { XmlAttributes, XmlScanResult, XmlVisitor } from "./scan-xml.js";
export { decodeXmlBytes } from "./decode-xml-bytes.js";
export { decodeXmlText } from "./decode-entities.js";
export { parseXsdDateTime } from "./parse-xsd-date-time.js";
export type { XsdDateTime } from "./parse-xsd-date-time.js";
