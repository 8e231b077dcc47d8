import { ErasureLogEntity } from "../../shared/src/erasure-log.js";
import { CaseNoteEntity } from "./case-note/case-note.entity.js";
import { CaseSignalEntity } from "./case/case-signal.entity.js";
import { CaseTransferEntity } from "./case/case-transfer.entity.js";
import { CaseEntity } from "./case/case.entity.js";
import { ContactAttemptEntity } from "./contact-attempt/contact-attempt.entity.js";
import { FeedbackEntity } from "./feedback/feedback.entity.js";
import { FeedbackEntryEntity } from "./feedback/feedback-entry.entity.js";
import { HouseholdProfileEntity } from "./household-profile/household-profile.entity.js";
import { CaseTallyEntity } from "./monitoring/case-tally.entity.js";
import { TeamEntity } from "./team/team.entity.js";

/** Every table of the swt database. */
export const entities = [
  TeamEntity,
  CaseEntity,
  CaseSignalEntity,
  CaseTransferEntity,
  ContactAttemptEntity,
  CaseNoteEntity,
  FeedbackEntity,
  FeedbackEntryEntity,
  HouseholdProfileEntity,
  ErasureLogEntity,
  CaseTallyEntity,
];
