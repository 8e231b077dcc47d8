import { Init1795816789021 } from "./1795816789021-init.js";
import { AccessLog1795818134013 } from "./1795818134013-access-log.js";
import { IntakeRouting1795819227791 } from "./1795819227791-intake-routing.js";

/** Every migration of the sdv database, oldest first. */
export const migrations: Function[] = [Init1795816789021, AccessLog1795818134013, IntakeRouting1795819227791];
