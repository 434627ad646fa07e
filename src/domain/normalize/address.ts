export interface PostalAddress {
  street: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
}

const STATES: Record<string, string> = {
  alabama: "AL", alaska: "AK", arizona: "AZ", arkansas: "AR", california: "CA", colorado: "CO", connecticut: "CT",
  delaware: "DE", "district of columbia": "DC", florida: "FL", georgia: "GA", hawaii: "HI", idaho: "ID", illinois: "IL",
  indiana: "IN", iowa: "IA", kansas: "KS", kentucky: "KY", louisiana: "LA", maine: "ME", maryland: "MD",
  massachusetts: "MA", michigan: "MI", minnesota: "MN", mississippi: "MS", missouri: "MO", montana: "MT",
  nebraska: "NE", nevada: "NV", "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM", "new york": "NY",
  "north carolina": "NC", "north dakota": "ND", ohio: "OH", oklahoma: "OK", oregon: "OR", pennsylvania: "PA",
  "rhode island": "RI", "south carolina": "SC", "south dakota": "SD", tennessee: "TN", texas: "TX", utah: "UT",
  vermont: "VT", virginia: "VA", washington: "WA", "west virginia": "WV", wisconsin: "WI", wyoming: "WY", "puerto rico": "PR",
};
const STATE_CODES = new Set(Object.values(STATES));

// USPS Publication 28 suffix and directional abbreviations (the common ones).
const WORDS: Record<string, string> = {
  street: "St", st: "St", avenue: "Ave", ave: "Ave", av: "Ave", drive: "Dr", dr: "Dr", lane: "Ln", ln: "Ln",
  road: "Rd", rd: "Rd", boulevard: "Blvd", blvd: "Blvd", court: "Ct", ct: "Ct", circle: "Cir", cir: "Cir",
  place: "Pl", pl: "Pl", parkway: "Pkwy", pkwy: "Pkwy", highway: "Hwy", hwy: "Hwy", terrace: "Ter", ter: "Ter",
  trail: "Trl", trl: "Trl", way: "Way", square: "Sq", sq: "Sq", cove: "Cv", cv: "Cv", loop: "Loop",
  north: "N", n: "N", south: "S", s: "S", east: "E", e: "E", west: "W", w: "W",
  northeast: "NE", ne: "NE", northwest: "NW", nw: "NW", southeast: "SE", se: "SE", southwest: "SW", sw: "SW",
  apartment: "Apt", apt: "Apt", suite: "Ste", ste: "Ste", unit: "Unit",
};

const titleCase = (word: string) => (/^\d/.test(word) ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase());

/** "123 north main street apt 4" → "123 N Main St Apt 4". */
export function standardizeStreet(street: string): string {
  return street
    .replace(/[.,]/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => WORDS[w.toLowerCase()] ?? titleCase(w))
    .join(" ");
}

export function standardizeState(state: string): string | null {
  const s = state.trim().replace(/\./g, "");
  if (STATE_CODES.has(s.toUpperCase())) return s.toUpperCase();
  return STATES[s.toLowerCase()] ?? null;
}

function clean(v: string | null | undefined): string | null {
  const t = (v ?? "").trim().replace(/\s+/g, " ");
  return t === "" ? null : t;
}

/**
 * Standardises an address given in parts, or split from one line ("123 Main St, Austin, TX 78704").
 * A state it can't recognise is kept as given (the schema then names it); a ZIP+4 keeps its first five digits.
 */
export function normalizeAddress(input: Partial<PostalAddress> & { line?: string | null }): PostalAddress {
  let { street, city, state, zip } = { street: clean(input.street), city: clean(input.city), state: clean(input.state), zip: clean(input.zip) };
  const line = clean(input.line);
  if (line && !street && !city) {
    const parts = line.split(",").map((p) => p.trim()).filter(Boolean);
    const tail = parts.length > 1 ? parts[parts.length - 1] : "";
    const m = /^([A-Za-z .]+?)\s*(\d{5}(?:-\d{4})?)?$/.exec(tail);
    if (parts.length >= 3 && m) {
      street = parts[0];
      city = parts.slice(1, -1).join(", ");
      state = state ?? m[1];
      zip = zip ?? m[2] ?? null;
    } else if (parts.length === 2) {
      street = parts[0];
      const m2 = /^(.*?)\s+([A-Za-z]{2})\s+(\d{5}(?:-\d{4})?)$/.exec(parts[1]);
      if (m2) [city, state, zip] = [m2[1], m2[2], m2[3]];
      else city = parts[1];
    } else {
      street = line;
    }
  }
  const zip5 = zip ? /^(\d{5})(?:-?\d{4})?$/.exec(zip.replace(/\s/g, ""))?.[1] ?? zip : null;
  return {
    street: street ? standardizeStreet(street) : null,
    city: city ? city.split(" ").map(titleCase).join(" ") : null,
    state: state ? (standardizeState(state) ?? state) : null,
    zip: zip5,
  };
}
