package io.taskfleet.client;

import io.taskfleet.common.protocol.TaskResult;
import java.util.BitSet;

/** Where the results of one run id go: a batch, or the future of one submitted task. */
interface ResultSink {

  /** Counts a result received at {@code receivedNanos}; false for a copy or a stranger. */
  boolean accept(TaskResult result, long receivedNanos, long decodeNanos);

  /** Whether every task has its result. */
  boolean isComplete();

  /** The task ids without a result. */
  BitSet missing();

  /** Ends the run without the missing results, for {@code reason}; nothing once complete. */
  void end(TaskClientException reason);
}
