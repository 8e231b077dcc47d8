import { Init1795816842637 } from "./1795816842637-init.js";
import { CaseCorporationAndBudgetCoach1795818074469 } from "./1795818074469-case-corporation-and-budget-coach.js";

/** Every migration of the swt database, oldest first. */
export const migrations: Function[] = [Init1795816842637, CaseCorporationAndBudgetCoach1795818074469];
