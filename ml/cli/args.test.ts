import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "./args";

describe("parseArgs", () => {
  it("parses a command with --flag value and --flag=value", () => {
    expect(parseArgs(["predict", "--model", "m.json", "--data=d.csv", "--out", "p.csv"])).toEqual({
      command: "predict",
      flags: { model: "m.json", data: "d.csv", out: "p.csv" },
    });
  });

  it.each([
    [[], /missing command/],
    [["fit"], /unknown command "fit"/],
    [["predict", "--model", "m", "--data", "d"], /missing required argument --out/],
    [["predict", "--model", "m", "--data", "d", "--out", "o", "--target", "y"], /unknown argument --target/],
    [["predict", "--model", "--data", "d", "--out", "o"], /--model needs a value/],
    [["predict", "--model", "m", "--model", "m2", "--data", "d", "--out", "o"], /--model given twice/],
    [["predict", "stray"], /unexpected argument "stray"/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseArgs(argv as string[])).toThrow(message);
    expect(() => parseArgs(argv as string[])).toThrow(UsageError);
  });
});
