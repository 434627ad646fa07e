import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../random/mulberry32";
import { main } from "./main";

const dir = mkdtempSync(join(tmpdir(), "ml-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in-process, capturing output. */
async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** A small listings CSV: closes when (sqft > 2000) XOR (city = Dallas); some beds missing; a price to regress. */
function writeListings(name: string, rows: number, seed: number): string {
  const random = mulberry32(seed);
  const lines = ["sqft,city,beds,closed,price"];
  for (let i = 0; i < rows; i++) {
    const sqft = 500 + random() * 3500;
    const city = ["Austin", "Dallas", "Houston"][Math.floor(random() * 3)];
    const beds = random() < 0.1 ? "" : String(1 + Math.floor(random() * 5));
    const closed = sqft > 2000 !== (city === "Dallas") ? "yes" : "no";
    const price = Math.round(sqft * 150 + (city === "Austin" ? 50_000 : 0));
    lines.push(`${sqft.toFixed(1)},${city},${beds},${closed},${price}`);
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

describe("ml CLI", () => {
  const trainCsv = writeListings("train.csv", 600, 1);
  const testCsv = writeListings("test.csv", 200, 2);

  it("train → predict → evaluate round trip (classification with string labels and calibration)", async () => {
    const model = join(dir, "clf.json");
    const t = await run("train", "--data", trainCsv, "--target", "closed", "--task", "classification", "--params", '{"trees":40,"maxDepth":4,"earlyStoppingRounds":10,"seed":3}', "--calibrate", "platt", "--out", model);
    expect(t.code).toBe(0);
    const saved = JSON.parse(readFileSync(model, "utf8"));
    expect(saved.classes).toEqual(["no", "yes"]);
    expect(saved.calibration.method).toBe("platt");
    expect(saved.features.map((f: { name: string }) => f.name)).toEqual(["sqft", "city", "beds", "price"]);
    expect(saved.training.validationRows).toBe(120);

    const preds = join(dir, "preds.csv");
    expect((await run("predict", "--model", model, "--data", testCsv, "--out", preds)).code).toBe(0);
    const lines = readFileSync(preds, "utf8").trim().split("\n");
    expect(lines[0]).toBe("prediction");
    expect(lines).toHaveLength(201);
    const p = lines.slice(1).map(Number);
    expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
    // Same order as the input: compare with the labels row by row.
    const labels = readFileSync(testCsv, "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[3]);
    const correct = p.filter((v, i) => (v >= 0.5 ? "yes" : "no") === labels[i]).length;
    expect(correct / 200).toBeGreaterThan(0.95);

    const e = await run("evaluate", "--model", model, "--data", testCsv, "--target", "closed");
    expect(e.code).toBe(0);
    const metrics = JSON.parse(e.stdout);
    expect(metrics.rows).toBe(200);
    expect(metrics.auc).toBeGreaterThan(0.97);
    expect(metrics.accuracy).toBeCloseTo(correct / 200, 12);
    for (const k of ["logLoss", "brier", "ece"]) expect(typeof metrics[k]).toBe("number");
  });

  it("regression round trip reports RMSE, MAE and MAPE", async () => {
    const model = join(dir, "reg.json");
    expect((await run("train", "--data", trainCsv, "--target", "price", "--task", "regression", "--params", '{"trees":80}', "--out", model)).code).toBe(0);
    const e = await run("evaluate", "--model", model, "--data", testCsv, "--target", "price");
    const metrics = JSON.parse(e.stdout);
    expect(Object.keys(metrics).sort()).toEqual(["mae", "mape", "rmse", "rows"]);
    expect(metrics.mape).toBeLessThan(0.05);
  });

  it.each([
    [["train", "--data", "nope.csv", "--target", "closed", "--task", "classification", "--out", "m.json"], /cannot read --data nope.csv/],
    [["train", "--target", "closed", "--task", "classification", "--out", "m.json"], /missing required argument --data/],
    [["train", "--data", "X", "--target", "closed", "--task", "ranking", "--out", "m.json"], /--task must be one of/],
    [["train", "--data", "X", "--target", "nope", "--task", "regression", "--out", "m.json"], /--target column "nope" is not in the data/],
    [["train", "--data", "X", "--target", "price", "--task", "regression", "--params", "{trees:3}", "--out", "m.json"], /--params is not valid JSON/],
    [["train", "--data", "X", "--target", "price", "--task", "regression", "--params", '{"maxDepth":0}', "--out", "m.json"], /--params: param "maxDepth"/],
    [["train", "--data", "X", "--target", "city", "--task", "classification", "--out", "m.json"], /exactly 2 classes, found 3/],
    [["evaluate", "--model", "X", "--data", "X", "--target", "closed"], /--model .* is not a usable model/],
  ])("exits with code 2 and names the argument: %j", async (argv, message) => {
    const r = await run(...(argv as string[]).map((a) => (a === "X" ? trainCsv : a)));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("as a process: bad arguments exit 2 without a stack trace", () => {
    const r = spawnSync("npx", ["tsx", "ml/cli.ts", "train", "--data", trainCsv, "--bogus", "1"], { encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown argument --bogus/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
