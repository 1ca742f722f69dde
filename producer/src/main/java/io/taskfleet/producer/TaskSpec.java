package io.taskfleet.producer;

import io.taskfleet.api.TaskKind;
import io.taskfleet.common.kinds.KindCalls;

/**
 * One kind of task with its params, as given once for many tasks (a template: the image kind draws
 * each task's pixels from its id).
 *
 * @param kind the kind
 * @param params the kind's params record
 */
public record TaskSpec(TaskKind<?> kind, Record params) {

  /** The params of task {@code taskId}. */
  Record paramsFor(long taskId) {
    return KindCalls.forTask(kind, params, taskId);
  }
}
