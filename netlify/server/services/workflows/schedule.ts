import { CronExpressionParser } from "cron-parser";

/** The next time a five-field cron fires after `after`, read in the org's time zone; null when the cron is invalid. */
export function nextScheduledRun(cron: string, timeZone: string, after: Date): Date | null {
  try {
    return CronExpressionParser.parse(cron, { currentDate: after, tz: timeZone }).next().toDate();
  } catch {
    return null;
  }
}

/** A cron expression's problem, in words, or null when it parses. */
export function cronProblem(cron: string): string | null {
  try {
    CronExpressionParser.parse(cron);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}
