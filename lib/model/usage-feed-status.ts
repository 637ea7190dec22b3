import type { MessageKey, MessageParams } from './messages';

/** A sentence to show, as its message key and parameters: the page words it in the reader's language. */
export interface StatusMessage {
  key: MessageKey;
  params: MessageParams;
}

/** One row of the feed that was not applied, and why. */
export interface FeedRowProblem extends StatusMessage {
  orgId: string;
  /** The row's place in the answer: its CSV line, or its position in the JSON list. */
  line: number;
}

/** At most this many row problems are kept with the status; the count says how many there were. */
export const FEED_PROBLEMS_KEPT = 100;

/**
 * How the last read of the usage source went, for Settings' status line: when, whether the
 * answer could be used at all (`failure` says why not; nothing was written then), and what it did.
 */
export interface UsageFeedStatus {
  at: number;
  /** Why the answer was refused as a whole; absent when it was applied. */
  failure?: StatusMessage;
  /** Clients whose current visitors used changed. */
  updated: number;
  /** Numbers filed under an ended billing period's report. */
  filed: number;
  /** Rows that said what was already stored. */
  unchanged: number;
  problems: FeedRowProblem[];
  problemCount: number;
  /** Reads that failed one after the other; a read that works sets it back to 0. */
  failuresInRow: number;
  /** When the last successful read was. */
  lastSuccessAt?: number;
}
