import { randomBytes } from "node:crypto";

/**
 * `count` ids that sort by the millisecond they were made in (UUID version 7, RFC 9562): 48 bits of
 * Unix time in milliseconds, the version, 74 random bits. A random id (version 4) lands anywhere in
 * the primary key's index, so every row of the log touched a page of its own; ids in time order are
 * appended at its end.
 */
export function timeOrderedIds(count: number, now = Date.now()): string[] {
  const time = now.toString(16).padStart(12, "0");
  const random = randomBytes(count * 10).toString("hex");
  const ids = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const r = random.slice(i * 20, i * 20 + 20);
    const variant = (8 | (parseInt(r[3]!, 16) & 3)).toString(16);
    ids[i] = `${time.slice(0, 8)}-${time.slice(8, 12)}-7${r.slice(0, 3)}-${variant}${r.slice(4, 7)}-${r.slice(7, 19)}`;
  }
  return ids;
}
