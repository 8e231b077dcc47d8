/**
 * The moments at which the date-sensitive suites run again, with the graph's clock standing still
 * (never the machine's date). Each is an instant with its Amsterdam offset; the comment says what it
 * catches. Midnight in Amsterdam is 22:00 or 23:00 UTC the day before, so a rule that took "today"
 * from UTC would fail just after it.
 */
export const FIXED_MOMENTS: Readonly<Record<string, string>> = {
  // 31 December just before midnight: the last day of a month and of the year, a holiday follows
  // (in UTC it is 22:59: a rule that took "today" from UTC would still be right, the next one not).
  "31-december": "2026-12-31T23:59:30+01:00",
  // 1 January just after midnight: the first day of a month and of a year, itself a holiday; in UTC
  // it is still the old year.
  "1-january": "2027-01-01T00:00:30+01:00",
  // The leap day.
  "29-february-2028": "2028-02-29T11:00:00+01:00",
  // The day summer time starts (02:00 becomes 03:00): a 23-hour day, a Sunday.
  "summer-time-starts": "2027-03-28T03:30:00+02:00",
  // The day summer time ends (03:00 becomes 02:00): a 25-hour day, 02:30 happens twice; a Sunday
  // on a month's last day, so the forwarding day is in the next month.
  "summer-time-ends": "2027-10-31T02:30:00+01:00",
  // Just before midnight in Amsterdam in summer (21:59:59 UTC), on the last day of a month and quarter.
  "before-midnight-in-summer": "2027-06-30T23:59:59+02:00",
};

/**
 * The suites whose code reads the graph's clock: intake (day of receipt, reporting month), priority
 * and forwarding (the forwarding day), cases and feedback (deadlines, overdue), retention, thresholds,
 * withdrawal, monitoring and the covenant calendar. They run at every moment above.
 */
export const DATE_SENSITIVE_SUITES: readonly string[] = [
  "subgraphs/shared/src/clock.test.ts",
  "subgraphs/corporations/src/covenant/covenant.test.ts",
  "subgraphs/corporations/src/objection/objection.erasure.test.ts",
  "subgraphs/corporations/src/collection-step/*.test.ts",
  "subgraphs/corporations/src/tenant/tenant.test.ts",
  "subgraphs/sdv/src/intake/*.test.ts",
  "subgraphs/sdv/src/priority/*.test.ts",
  "subgraphs/sdv/src/routing/*.test.ts",
  "subgraphs/sdv/src/referral/*.test.ts",
  "subgraphs/sdv/src/threshold/*.test.ts",
  "subgraphs/sdv/src/case-closure/*.test.ts",
  "subgraphs/sdv/src/hand-over/*.test.ts",
  "subgraphs/sdv/src/retention/*.test.ts",
  "subgraphs/sdv/src/withdrawal/*.test.ts",
  "subgraphs/sdv/src/signal/signal.test.ts",
  "subgraphs/swt/src/case/*.test.ts",
  "subgraphs/swt/src/contact-attempt/*.test.ts",
  "subgraphs/swt/src/feedback/*.test.ts",
  "subgraphs/swt/src/feedback-deadline/*.test.ts",
  "subgraphs/swt/src/household-profile/*.test.ts",
  "subgraphs/swt/src/retention/*.test.ts",
  "test/casework.test.ts",
  "test/corporation-integration.test.ts",
  "test/routing.test.ts",
  "test/forwarding.test.ts",
  "test/household-and-feedback.test.ts",
  "test/objection-withheld.test.ts",
  "test/collection-steps-of-these-arrears.test.ts",
];
