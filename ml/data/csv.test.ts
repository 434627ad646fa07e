import { describe, expect, it } from "vitest";
import { formatColumnCsv, parseCsv, tableToDataset } from "./csv";

describe("CSV", () => {
  const text = 'price,city,rooms,label\n100,"Austin, TX",3,yes\n,Dallas,,no\n250.5,Austin,2,yes\n';

  it("parses a header row and quoted cells into columns", () => {
    const t = parseCsv(text);
    expect(t.header).toEqual(["price", "city", "rooms", "label"]);
    expect(t.rows).toBe(3);
    expect(t.columns.get("city")).toEqual(["Austin, TX", "Dallas", "Austin"]);
  });

  it("types columns by content: numeric, or categorical with sorted labels; empty cells are missing", () => {
    const d = tableToDataset(parseCsv(text), ["label"]);
    expect(d.featureNames).toEqual(["price", "city", "rooms"]);
    expect(d.featureTypes).toEqual(["numeric", "categorical", "numeric"]);
    expect([...d.columns[0]]).toEqual([100, NaN, 250.5]);
    expect(d.categories[1]).toEqual(["Austin", "Austin, TX", "Dallas"]);
    expect([...d.columns[1]]).toEqual([1, 2, 0]);
    expect(d.columns[2][1]).toBeNaN();
  });

  it("rejects ragged rows and duplicate headers with a row number", () => {
    expect(() => parseCsv("a,b\n1,2\n3\n")).toThrow(/row 3 has 1 cells/);
    expect(() => parseCsv("a,a\n1,2\n")).toThrow(/duplicate column "a"/);
  });

  it("writes a one-column CSV", () => {
    expect(formatColumnCsv("prediction", [0.25, 1])).toBe("prediction\n0.25\n1\n");
  });
});
