import { Init1795816789021 } from "./1795816789021-init.js";
import { AccessLog1795818134013 } from "./1795818134013-access-log.js";
import { IntakeRouting1795819227791 } from "./1795819227791-intake-routing.js";
import { Monitoring1795823755614 } from "./1795823755614-monitoring.js";
import { CasesAndErasure1795823966391 } from "./1795823966391-cases-and-erasure.js";
import { ErasureLogAppendOnly1795827700000 } from "./1795827700000-erasure-log-append-only.js";
import { RoutingByMunicipality1795829000000 } from "./1795829000000-routing-by-municipality.js";
import { HistoryOrder1795829000002 } from "./1795829000002-history-order.js";
import { AccessLogReadAtDefault1796200000001 } from "./1796200000001-access-log-read-at-default.js";

/** Every migration of the sdv database, oldest first. */
export const migrations: Function[] = [
  Init1795816789021,
  AccessLog1795818134013,
  IntakeRouting1795819227791,
  Monitoring1795823755614,
  CasesAndErasure1795823966391,
  ErasureLogAppendOnly1795827700000,
  RoutingByMunicipality1795829000000,
  HistoryOrder1795829000002,
  AccessLogReadAtDefault1796200000001,
];
