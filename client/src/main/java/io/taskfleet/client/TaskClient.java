package io.taskfleet.client;

import io.taskfleet.api.TaskKind;
import io.taskfleet.common.protocol.TaskResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs tasks and hands back their results: on the fleet ({@link FleetClient}) or in this process
 * ({@link LocalTaskClient}), behind the same methods, so moving from a local pool to the fleet is
 * one line.
 *
 * <p>A task that ran and failed (its kind threw) is a normal result, with status {@code FAILED} and
 * the reason; only a task that could not be run at all (the client closed, the batch timed out or
 * was cancelled, the broker returned it) ends in a {@link TaskClientException}.
 *
 * <p>Thread-safe: any thread may submit and map.
 */
public interface TaskClient extends AutoCloseable {

  /** Runs one task; the future completes with its result. */
  <P extends Record> CompletableFuture<TaskResult> submit(TaskKind<P> kind, P params);

  /**
   * Runs one task per job, as one batch; the results come back through the batch, in order or as
   * they arrive. The list may be a lazy view: the client reads each job once, when it sends it.
   */
  default Batch map(List<? extends Job<?>> jobs) {
    return map(jobs, MapOptions.defaults());
  }

  /** As {@link #map(List)}, with a listener, the expected values or without keeping results. */
  Batch map(List<? extends Job<?>> jobs, MapOptions options);

  /** One task of {@code kind} per params record, as one batch. */
  default <P extends Record> Batch map(TaskKind<P> kind, List<P> params) {
    return map(Job.each(kind, params));
  }

  /** Ends every batch and task still running (they fail with a {@link TaskClientException}). */
  @Override
  void close();
}
