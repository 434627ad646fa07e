import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lockDataDir } from "./dataDirLock";

describe("lockDataDir", () => {
  it("refuses a folder held by another live process, naming it", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "hk-lock-")), "pglite");
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 10000)"]);
    try {
      writeFileSync(`${dir}.lock`, String(holder.pid));
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by process ${holder.pid}`));
    } finally {
      holder.kill();
    }
  });

  it("takes over a stale lock and removes it on release", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "hk-lock-")), "pglite");
    writeFileSync(`${dir}.lock`, "999999999");
    const release = lockDataDir(dir);
    expect(existsSync(`${dir}.lock`)).toBe(true);
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });
});
