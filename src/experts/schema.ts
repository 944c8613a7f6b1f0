export interface ExpertChannelTable {
  channel_key: string;
  registered_by: string;
  registered_at: number;
}

export type ExpertReason = "ask" | "not-helpful" | "unknown";

export interface ExpertQuestionTable {
  id: string;
  question: string;
  reason: ExpertReason;
  /** The asker's directory id; never a name. */
  asker_id: string;
  asked_at: number;
  channel_key: string;
  /** The card in the expert channel, once posted. */
  activity_id: string | null;
  state: "open" | "answered";
  answer: string | null;
  citation: string | null;
  answered_by: string | null;
  answered_at: number | null;
  /** The knowledge entry the answer became ("Spara i kunskapsbasen"). */
  entry_id: string | null;
}

export interface ExpertEntryTable {
  id: string;
  question_id: string;
  title: string;
  answer: string;
  citation: string;
  created_by: string;
  created_at: number;
}

declare module "../store/schema.js" {
  interface Database {
    expert_channels: ExpertChannelTable;
    expert_questions: ExpertQuestionTable;
    expert_entries: ExpertEntryTable;
  }
}
