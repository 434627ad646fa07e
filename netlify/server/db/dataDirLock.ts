import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite is one process's database: two processes opening the same folder corrupt it. A pid file beside the
 * folder makes the second one stop with a clear message instead. A stale file (dead pid) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = `${dataDir.replace(/\/$/, "")}.lock`;
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, "utf8").trim());
    if (pid && pid !== process.pid && alive(pid)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${pid} (npm run dev or npm start?). ` +
          "Stop that process first, or point DATABASE_URL at a PostgreSQL server to share one database.",
      );
    }
  }
  writeFileSync(file, String(process.pid));
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if (readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file);
    } catch {
      // already gone
    }
  };
  process.once("exit", release);
  return release;
}
