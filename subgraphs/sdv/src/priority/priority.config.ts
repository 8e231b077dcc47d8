/** Days before a planned hand-over to the bailiff in which priority I applies ("bijna richting de deurwaarder", Art. 5.3). */
export const DEFAULT_BAILIFF_WINDOW_DAYS = 14;

/**
 * The bailiff window in force: SDV_BAILIFF_WINDOW_DAYS, or 14 days. Read when a priority is computed,
 * so a changed setting applies from the next batch on; the window used is stored with each priority.
 * A setting that is no whole number of days from 0 to 365 is a deployment error, not a user's.
 */
export function bailiffWindowDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SDV_BAILIFF_WINDOW_DAYS;
  if (raw === undefined || raw.trim() === "") return DEFAULT_BAILIFF_WINDOW_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 0 || days > 365) {
    throw new Error(`SDV_BAILIFF_WINDOW_DAYS must be a whole number of days from 0 to 365, got "${raw}".`);
  }
  return days;
}
