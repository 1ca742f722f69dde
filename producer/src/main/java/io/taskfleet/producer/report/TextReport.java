package io.taskfleet.producer.report;

import static io.taskfleet.common.text.Numbers.fixed;
import static io.taskfleet.common.text.Numbers.grouped;

import java.io.PrintStream;
import java.util.Map;

/** Writes a run's report for people, to stdout: program output, not logging. */
public final class TextReport {

  private final PrintStream out;

  public TextReport(PrintStream out) {
    this.out = out;
  }

  public void print(RunReport r) {
    out.printf(
        "%n%s run %s: %s tasks of %s (%s iterations), codec %s%n",
        r.mode(), r.runId(), grouped(r.tasks()), r.kind(), grouped(r.iterations()), r.codec());
    out.printf(
        "  completed  %s   failed %s   duplicates %s   missing %s%n",
        grouped(r.completed()), grouped(r.failed()), grouped(r.duplicates()), grouped(r.missing()));
    out.printf(
        "  elapsed    %s s end to end (first publish to last result)%n", fixed(r.elapsedSeconds(), 3));
    out.printf("  throughput %s tasks/s%n", fixed(r.tasksPerSecond(), 1));
    out.printf("  workers    %d distinct (host, pid)%n", r.distinctWorkers());
    for (RunReport.WorkerTasks w : r.workers()) {
      out.printf("    %-28s pid %-8d %s tasks%n", w.host(), w.pid(), grouped(w.tasks()));
    }
    RunReport.LatencyMs l = r.latencyMs();
    out.printf(
        "  latency    p50 %s ms   p95 %s ms   p99 %s ms   max %s ms (publish to result)%n",
        fixed(l.p50(), 2), fixed(l.p95(), 2), fixed(l.p99(), 2), fixed(l.max(), 2));
    out.printf("  compute    %s ms per task (mean, measured by the workers)%n", fixed(r.computeMsMean(), 3));
    out.printf(
        "  overhead   %s ms per task (mean latency minus compute: queueing, messaging, codec)%n",
        fixed(r.overheadMsMean(), 3));
    out.printf("  values     %s%n", r.valuesCorrect() ? "all correct" : "SOME WRONG");
    if (r.republished() > 0) {
      out.printf("  republished %s task(s) after a nack or a lost connection%n", grouped(r.republished()));
    }
    for (Map.Entry<String, Integer> reason : r.failureReasons().entrySet()) {
      out.printf("  failed     %s × %s%n", grouped(reason.getValue()), reason.getKey());
    }
    if (r.missing() > 0) {
      out.printf(
          "  MISSING    %s task(s) without a result%s: %s%n",
          grouped(r.missing()),
          r.timedOut() ? " at the timeout" : r.interrupted() ? " when interrupted" : "",
          idList(r));
    }
    out.flush();
  }

  private static String idList(RunReport r) {
    StringBuilder ids = new StringBuilder();
    for (Long id : r.missingTaskIds()) {
      if (ids.length() > 0) {
        ids.append(", ");
      }
      ids.append(id);
    }
    if (r.missingTaskIds().size() < r.missing()) {
      ids.append(", ...");
    }
    return ids.toString();
  }
}
