import DataLoader from "dataloader";
import type { CaseNoteEntity } from "./case-note.entity.js";
import type { CaseNoteService } from "./case-note.service.js";

export function createCaseNoteLoader(service: CaseNoteService) {
  return new DataLoader<string, CaseNoteEntity[]>((caseIds) => service.byCaseIds(caseIds), { maxBatchSize: 1_000 });
}
