package io.taskfleet.client;

import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * How to run one {@code map}.
 *
 * @param listener told of each result as it arrives
 * @param expectedValues the value each task id must return, empty when unknown; null to ask each
 *     job's kind when its result arrives
 * @param keepResults keep every result for {@link Batch#inOrder()} and {@link Batch#asCompleted()};
 *     false keeps counts only (a bit per task), for batches too large to hold
 * @param runId the batch's run id, unique among the client's batches; null to draw one
 * @param chunkHint what an earlier batch of the same work measured ({@link
 *     BatchTransport#measured()}), so {@code --chunk auto} sizes chunks from it without waiting for
 *     probes; null to probe
 */
public record MapOptions(
    BatchListener listener,
    LongFunction<OptionalLong> expectedValues,
    boolean keepResults,
    String runId,
    ChunkMeasurement chunkHint) {

  public MapOptions {
    if (listener == null) {
      listener = BatchListener.NONE;
    }
    if (runId != null && runId.isBlank()) {
      throw new IllegalArgumentException("a run id must not be blank");
    }
  }

  /** No listener, expected values from the kinds, results kept, a drawn run id. */
  public static MapOptions defaults() {
    return new MapOptions(BatchListener.NONE, null, true, null, null);
  }

  public MapOptions withListener(BatchListener newListener) {
    return new MapOptions(newListener, expectedValues, keepResults, runId, chunkHint);
  }

  public MapOptions withExpectedValues(LongFunction<OptionalLong> values) {
    return new MapOptions(listener, values, keepResults, runId, chunkHint);
  }

  /** Counts only: {@link Batch#inOrder()} and {@link Batch#asCompleted()} are then unavailable. */
  public MapOptions discardingResults() {
    return new MapOptions(listener, expectedValues, false, runId, chunkHint);
  }

  public MapOptions withRunId(String id) {
    return new MapOptions(listener, expectedValues, keepResults, id, chunkHint);
  }

  /** Starts {@code --chunk auto} from what an earlier batch of the same work measured. */
  public MapOptions withChunkHint(ChunkMeasurement hint) {
    return new MapOptions(listener, expectedValues, keepResults, runId, hint);
  }
}
