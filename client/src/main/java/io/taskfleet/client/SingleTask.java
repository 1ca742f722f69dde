package io.taskfleet.client;

import io.taskfleet.common.protocol.TaskResult;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;

/**
 * The result side of one submitted task: its future, completed by the first result (later copies
 * are dropped). Lighter than a batch, which keeps histograms.
 */
final class SingleTask implements ResultSink {

  private final CompletableFuture<TaskResult> future = new CompletableFuture<>();

  CompletableFuture<TaskResult> future() {
    return future;
  }

  @Override
  public boolean accept(TaskResult result, long receivedNanos, long decodeNanos) {
    return result.taskId() == 0 && future.complete(result);
  }

  @Override
  public boolean isComplete() {
    return future.isDone();
  }

  @Override
  public BitSet missing() {
    BitSet missing = new BitSet(1);
    if (!future.isDone()) {
      missing.set(0);
    }
    return missing;
  }

  @Override
  public void end(TaskClientException reason) {
    future.completeExceptionally(reason);
  }
}
