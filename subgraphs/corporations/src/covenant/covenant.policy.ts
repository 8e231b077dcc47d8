import type { Role } from "../../../shared/src/identity.js";

/** The covenant's calendar concerns every partner: every role reads it, none writes it. */
export const COVENANT_READERS: Role[] = ["CORPORATION", "SDV", "SWT", "BUDGET_COACH", "ANALYST", "COORDINATOR"];
