import { Init1795816842637 } from "./1795816842637-init.js";
import { CaseCorporationAndBudgetCoach1795818074469 } from "./1795818074469-case-corporation-and-budget-coach.js";
import { Monitoring1795823755615 } from "./1795823755615-monitoring.js";
import { ErasureLog1795823766694 } from "./1795823766694-erasure-log.js";
import { CaseworkAndFeedback1795823850639 } from "./1795823850639-casework-and-feedback.js";
import { ErasureLogAppendOnly1795827700001 } from "./1795827700001-erasure-log-append-only.js";
import { CaseTransfer1795829000001 } from "./1795829000001-case-transfer.js";
import { HouseholdAddressAndFeedbackEntries1796119649415 } from "./1796119649415-household-address-and-feedback-entries.js";

/** Every migration of the swt database, oldest first. */
export const migrations: Function[] = [
  Init1795816842637,
  CaseCorporationAndBudgetCoach1795818074469,
  Monitoring1795823755615,
  ErasureLog1795823766694,
  CaseworkAndFeedback1795823850639,
  ErasureLogAppendOnly1795827700001,
  CaseTransfer1795829000001,
  HouseholdAddressAndFeedbackEntries1796119649415,
];
