package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskfleet.common.testing.TestBroker;

/** The checks every fault test ends with: every task exactly once, right values, nothing left. */
final class FleetChecks {

  private FleetChecks() {}

  /**
   * Every task has exactly one result in the report, with the right value: the completed count is
   * the task count, nothing is missing or failed, and the per-worker counts add up to the tasks
   * (copies of a redelivered task are reported apart, as duplicates).
   */
  static void everyTaskExactlyOnce(JsonNode run, int tasks) {
    assertThat(run).as("JSON report").isNotNull();
    assertThat(run.get("tasks").asInt()).isEqualTo(tasks);
    assertThat(run.get("completed").asInt()).as("completed").isEqualTo(tasks);
    assertThat(run.get("failed").asInt()).as("failed").isZero();
    assertThat(run.get("missing").asInt()).as("missing").isZero();
    assertThat(run.get("valuesCorrect").asBoolean()).as("values correct").isTrue();
    int perWorker = 0;
    for (JsonNode worker : run.get("workers")) {
      perWorker += worker.get("tasks").asInt();
    }
    assertThat(perWorker).as("tasks counted per worker").isEqualTo(tasks);
  }

  /** The run's result queue is gone, the task queue is empty and nothing was dead-lettered. */
  static void nothingLeftBehind(String queue, JsonNode run) {
    String resultQueue = queue + ".results." + run.get("runId").asText();
    assertThat(TestBroker.queueExists(resultQueue)).as("result queue deleted").isFalse();
    assertThat(TestBroker.messageCount(queue)).as("task queue drained").isZero();
    assertThat(TestBroker.messageCount(queue + ".dead")).as("nothing dead-lettered").isZero();
  }

  /** One line of figures per fault test, collected for docs/reliability.md. */
  static void figures(String test, JsonNode run, String faults) {
    int tasks = run.get("tasks").asInt();
    System.out.printf(
        "FAULT-FIGURES %s: %s tasks=%d completed=%d lost=%d duplicates=%d republished=%d%n",
        test,
        faults,
        tasks,
        run.get("completed").asInt(),
        run.get("missing").asInt(),
        run.get("duplicates").asInt(),
        run.get("republished").asLong());
  }

  /** The count after {@code key=} in a worker's "worker stopped: ..." line, or -1. */
  static long stoppedFigure(String workerOutput, String key) {
    int line = workerOutput.lastIndexOf("worker stopped:");
    if (line < 0) {
      return -1;
    }
    int at = workerOutput.indexOf(key + "=", line);
    if (at < 0) {
      return -1;
    }
    int start = at + key.length() + 1;
    int end = start;
    while (end < workerOutput.length() && Character.isDigit(workerOutput.charAt(end))) {
      end++;
    }
    return Long.parseLong(workerOutput.substring(start, end));
  }
}
