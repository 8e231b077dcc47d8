/**
 * The four steps of socially responsible collection (MVI) that must precede a signal (Art. 3.2), in
 * the order a corporation takes them: what the corporations subgraph stores, and what the demo
 * world gives its tenants.
 */
export type CollectionStepKind = "PAYMENT_REMINDER" | "PERSONAL_CONTACT_ATTEMPT" | "DEBT_HELP_REFERRAL" | "DATA_SHARING_NOTICE";

export const COLLECTION_STEP_KINDS: CollectionStepKind[] = ["PAYMENT_REMINDER", "PERSONAL_CONTACT_ATTEMPT", "DEBT_HELP_REFERRAL", "DATA_SHARING_NOTICE"];
