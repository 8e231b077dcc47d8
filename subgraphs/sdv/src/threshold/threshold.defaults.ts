/**
 * The threshold in force from the start of the covenant until SDV sets another. The covenant does not
 * fix an amount (phase I exists to choose it); most Dutch municipalities that use one choose about
 * EUR 75, following Divosa. The initial migration writes the same row, so every database has it.
 */
export const DEFAULT_THRESHOLD = {
  id: "5d0b6a4e-7500-4c0e-8a21-000000007500",
  amountCents: 7_500,
  validFrom: "2021-04-01",
  setBy: "covenant",
  reason:
    "Default of the covenant's start: the addendum leaves the amount to be chosen in phase I (footnote 1); EUR 75 is the amount most Dutch municipalities that use a threshold choose (Divosa).",
} as const;
