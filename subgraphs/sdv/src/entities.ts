import { AccessLogEntity } from "../../shared/src/access-log.js";
import { ErasureLogEntity } from "../../shared/src/erasure-log.js";
import { IntakeRefusalEntity } from "./intake/intake-refusal.entity.js";
import { PriorityRevisionEntity } from "./priority/priority-revision.entity.js";
import { PriorityEntity } from "./priority/priority.entity.js";
import { ReferralEntity } from "./referral/referral.entity.js";
import { RoutingAreaChangeEntity, RoutingAreaEntity } from "./routing/routing-area.entity.js";
import { ReferralRecordEntity } from "./referral/referral-record.entity.js";
import { SignalEntity } from "./signal/signal.entity.js";
import { ThresholdEntity } from "./threshold/threshold.entity.js";
import { SignalTallyEntity } from "./tally/signal-tally.entity.js";

/** Every table of the sdv database. */
export const entities = [
  ThresholdEntity,
  SignalEntity,
  PriorityEntity,
  PriorityRevisionEntity,
  ReferralEntity,
  ReferralRecordEntity,
  RoutingAreaEntity,
  RoutingAreaChangeEntity,
  AccessLogEntity,
  SignalTallyEntity,
  IntakeRefusalEntity,
  ErasureLogEntity,
];
