import { registerEnumType } from "type-graphql";

/** What an entry of the feedback conversation says (Art. 5.5). */
export enum FeedbackEntryKind {
  FIRST = "FIRST",
  HELP_ACCEPTED = "HELP_ACCEPTED",
  ARRANGEMENT_AGREED = "ARRANGEMENT_AGREED",
  COLLECTION_MAY_RESUME = "COLLECTION_MAY_RESUME",
  CASE_CLOSED = "CASE_CLOSED",
}

/** The kinds of dated update that may follow the first feedback. */
export enum FeedbackUpdateKind {
  HELP_ACCEPTED = "HELP_ACCEPTED",
  ARRANGEMENT_AGREED = "ARRANGEMENT_AGREED",
  COLLECTION_MAY_RESUME = "COLLECTION_MAY_RESUME",
  CASE_CLOSED = "CASE_CLOSED",
}

const updates = {
  HELP_ACCEPTED: { description: "The household accepted help." },
  ARRANGEMENT_AGREED: { description: "An arrangement for the arrears was agreed; effectiveOn is the day it starts." },
  COLLECTION_MAY_RESUME: { description: "The corporation may resume collection from effectiveOn." },
  CASE_CLOSED: { description: "The team closed its work with the household." },
};

registerEnumType(FeedbackEntryKind, {
  name: "FeedbackEntryKind",
  description: "What an entry of the feedback to the corporation says (Art. 5.5).",
  valuesConfig: { FIRST: { description: "The first feedback on a signal, within its term: the four elements of Art. 5.5." }, ...updates },
});

registerEnumType(FeedbackUpdateKind, {
  name: "FeedbackUpdateKind",
  description: "A dated update that may follow the first feedback on a case (Art. 5.5).",
  valuesConfig: updates,
});
