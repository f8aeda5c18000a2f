/**
 * Device names from file_id (or the creator's device_info): FIT stores numbers, the profile maps
 * them to names. A short table of makers and of common Garmin products covers most runners' files;
 * anything else falls back to the maker's name alone, or to the product name the file spells out.
 * Ids are from the FIT SDK profile ("manufacturer" and "garmin_product" types).
 */
const MANUFACTURERS: Readonly<Record<number, string>> = {
  1: "garmin",
  2: "garmin",
  13: "dynastream",
  15: "dynastream",
  16: "timex",
  23: "suunto",
  32: "wahoo",
  40: "concept2",
  69: "stages",
  70: "sigma",
  71: "tomtom",
  89: "tacx",
  95: "stryd",
  107: "magene",
  115: "igpsport",
  123: "polar",
  255: "development",
  260: "zwift",
  263: "favero",
  265: "strava",
  267: "bryton",
  289: "hammerhead",
  294: "coros",
  307: "onelap",
  331: "mywhoosh",
};

const GARMIN_PRODUCTS: Readonly<Record<number, string>> = {
  717: "forerunner 405",
  782: "forerunner 50",
  988: "forerunner 60",
  1018: "forerunner 310xt",
  1036: "edge 500",
  1124: "forerunner 110",
  1169: "edge 800",
  1325: "edge 200",
  1328: "forerunner 910xt",
  1345: "forerunner 610",
  1436: "forerunner 70",
  1482: "forerunner 10",
  1551: "fenix",
  1561: "edge 510",
  1567: "edge 810",
  1623: "forerunner 620",
  1632: "forerunner 220",
  1765: "forerunner 920xt",
  1836: "edge 1000",
  1903: "forerunner 15",
  1907: "vivoactive",
  1967: "fenix 2",
  1988: "epix",
  2050: "fenix 3",
  2067: "edge 520",
  2148: "forerunner 25",
  2153: "forerunner 225",
  2156: "forerunner 630",
  2157: "forerunner 230",
  2158: "forerunner 735xt",
  2337: "vivoactive hr",
  2413: "fenix 3 hr",
  2431: "forerunner 235",
  2530: "edge 820",
  2544: "fenix 5s",
  2604: "fenix 5x",
  2691: "forerunner 935",
  2697: "fenix 5",
  2700: "vivoactive 3",
  2713: "edge 1030",
  2886: "forerunner 645",
  2888: "forerunner 645 music",
  2909: "edge 130",
  3110: "fenix 5 plus",
  3111: "fenix 5x plus",
  3113: "forerunner 945",
  3121: "edge 530",
  3122: "edge 830",
  3076: "forerunner 245",
  3077: "forerunner 245 music",
  3226: "venu",
  3258: "descent mk2",
  3288: "fenix 6s",
  3289: "fenix 6 sport",
  3290: "fenix 6",
  3291: "fenix 6x",
  3589: "forerunner 745",
  3703: "venu 2",
  3843: "edge 1040",
  3869: "forerunner 55",
  3905: "fenix 7s",
  3906: "fenix 7",
  3907: "fenix 7x",
  3943: "epix gen 2",
  3990: "forerunner 255 music",
  3991: "forerunner 255s music",
  3992: "forerunner 255",
  3993: "forerunner 255s",
  4024: "forerunner 955",
  4257: "forerunner 265",
  4258: "forerunner 265s",
  4260: "venu 3",
  4261: "venu 3s",
  4315: "forerunner 965",
  4432: "forerunner 165",
  4433: "forerunner 165 music",
  4536: "fenix 8",
  4655: "edge mtb",
};

/**
 * "garmin fenix 2", "suunto vertical 2", "coros pace 2", "strava"; null when the file names no
 * maker at all. Lower case throughout, so names from tables and from files read alike.
 */
export function deviceName(
  manufacturer: number,
  product: number,
  productName: string | null,
): string | null {
  const maker = Number.isNaN(manufacturer)
    ? null
    : (MANUFACTURERS[manufacturer] ?? `manufacturer ${manufacturer}`);
  let model: string | null = null;
  if (productName !== null) model = productName.toLowerCase();
  else if ((manufacturer === 1 || manufacturer === 2) && !Number.isNaN(product)) {
    model = GARMIN_PRODUCTS[product] ?? `product ${product}`;
  }
  if (maker === null) return model;
  if (model === null) return maker;
  // Files often repeat the maker inside the product name ("Suunto Race 2", "COROS PACE 2").
  if (model.startsWith(maker)) return model;
  return `${maker} ${model}`;
}
