/** SQL list of a string enum's values, for CHECK constraints that keep the table to the enum. */
export function sqlList(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(", ");
}
