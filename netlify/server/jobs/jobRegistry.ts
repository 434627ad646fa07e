import type { JobDefinition } from "./jobDefinition";

const jobs = new Map<string, JobDefinition>();

/** Registers job kinds (each feature registers its own at import time; tests register their own). */
export function registerJob(...defs: JobDefinition[]): void {
  for (const def of defs) jobs.set(def.name, def);
}

export function findJob(name: string): JobDefinition | undefined {
  return jobs.get(name);
}

export function registeredQueues(): string[] {
  return [...new Set([...jobs.values()].map((j) => j.queue))];
}
