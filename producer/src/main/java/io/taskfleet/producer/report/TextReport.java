package io.taskfleet.producer.report;

import static io.taskfleet.common.text.Numbers.fixed;
import static io.taskfleet.common.text.Numbers.grouped;

import java.io.PrintStream;
import java.util.Map;

/** Writes a run's report for people, to stdout: program output, not logging. */
public final class TextReport {

  /** Threads listed under a run's cost; the JSON report has every one. */
  static final int MAX_THREAD_LINES = 8;

  private final PrintStream out;

  public TextReport(PrintStream out) {
    this.out = out;
  }

  public void print(RunReport r) {
    out.printf(
        "%n%s run %s: %s tasks of %s, codec %s%n",
        r.mode(),
        r.runId(),
        grouped(r.tasks()),
        r.workload() != null
            ? r.workload()
            : r.kind() + " (" + grouped(r.iterations()) + " iterations)",
        r.codec());
    if (r.taskBytes() != null && r.resultBytes() != null) {
      out.printf(
          "  bodies     %s bytes per task, %s bytes per result (mean, encoded)%n",
          fixed(r.taskBytes(), 0), fixed(r.resultBytes(), 0));
    }
    if (r.chunking() != null) {
      out.printf("  messages   %s%n", r.chunking());
    }
    out.printf(
        "  completed  %s   failed %s   duplicates %s   missing %s%n",
        grouped(r.completed()), grouped(r.failed()), grouped(r.duplicates()), grouped(r.missing()));
    out.printf(
        "  elapsed    %s s end to end (first %s to last result)%n",
        fixed(r.elapsedSeconds(), 3), r.mode().startsWith("fleet") ? "publish" : "submission");
    out.printf("  throughput %s tasks/s%n", fixed(r.tasksPerSecond(), 1));
    out.printf("  workers    %d distinct (host, pid)%n", r.distinctWorkers());
    for (RunReport.WorkerTasks w : r.workers()) {
      out.printf("    %-28s pid %-8d %s tasks%n", w.host(), w.pid(), grouped(w.tasks()));
    }
    if (r.cost() != null) {
      printCost(r.cost());
    }
    RunReport.LatencyMs l = r.latencyMs();
    out.printf(
        "  latency    p50 %s ms   p95 %s ms   p99 %s ms   max %s ms (%s to result)%n",
        fixed(l.p50(), 2),
        fixed(l.p95(), 2),
        fixed(l.p99(), 2),
        fixed(l.max(), 2),
        r.mode().startsWith("fleet") ? "publish" : "submission");
    out.printf(
        "  compute    %s ms per task (mean, measured by the workers)%n",
        fixed(r.computeMsMean(), 3));
    out.printf(
        "  overhead   %s ms per task (mean latency minus compute: queueing, messaging, codec)%n",
        fixed(r.overheadMsMean(), 3));
    out.printf("  values     %s%n", r.valuesCorrect() ? "all correct" : "SOME WRONG");
    if (r.rounds() != null && (r.rounds().repeat() > 1 || r.rounds().warmup() > 0)) {
      out.println(roundsLine(r.rounds()));
    }
    if (r.decomposition() != null) {
      printDecomposition(r.decomposition());
    }
    if (r.republished() > 0) {
      out.printf(
          "  republished %s task(s) after a nack or a lost connection%n", grouped(r.republished()));
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

  /** The counted rounds in one line, and how many of them the JIT compilers took part in. */
  static String roundsLine(RoundStats k) {
    return String.format(
        "  rounds     median %s s, min %s s, max %s s over %d counted round(s) after %d warm-up%s",
        fixed(k.medianSeconds(), 3),
        fixed(k.minSeconds(), 3),
        fixed(k.maxSeconds(), 3),
        k.repeat(),
        k.warmup(),
        k.compiling() == 0
            ? ""
            : String.format(
                "; in %d of them the JIT compiled for %s or more of the JVMs' CPU",
                k.compiling(), Decomposition.percent(Cost.WARM_JIT_SHARE)));
  }

  /**
   * How long the JVMs' JIT compilers worked during the run, when they did: a run whose JVMs still
   * compile measures their warm-up, and says so.
   */
  static java.util.Optional<String> jitLine(Cost c) {
    StringBuilder line = new StringBuilder();
    for (String role : Cost.JVMS) {
      double jit = c.jitSeconds(role);
      if (jit < 0.001) {
        continue;
      }
      line.append(line.length() == 0 ? "" : ", ")
          .append(role.equals("worker") ? "workers" : role)
          .append(' ')
          .append(grouped(Math.round(jit * 1000)))
          .append(" ms (")
          .append(Decomposition.percent(c.jitShare(role)).strip())
          .append(" of their CPU)");
    }
    if (line.length() == 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        "compiling during the run: "
            + line
            + (c.warm()
                ? ""
                : "; not warm yet (5% or more of their CPU): more --warmup rounds measure the"
                    + " steady state"));
  }

  /** What the run cost: CPU per task by role, then each thread's time, busiest first. */
  private void printCost(Cost c) {
    StringBuilder line = new StringBuilder();
    for (String role : java.util.List.of("producer", "worker", "broker")) {
      long processes = c.processes().stream().filter(p -> p.role().equals(role)).count();
      if (processes > 0) {
        line.append(line.length() == 0 ? "" : ", ")
            .append(role.equals("worker") ? "workers" : role)
            .append(' ')
            .append(fixed(c.cpuMsPerTask(role), 3))
            .append(" ms")
            .append(role.equals("worker") ? " (" + processes + ")" : "");
      }
    }
    out.printf("  cost       CPU per task: %s%n", line);
    jitLine(c).ifPresent(jit -> out.printf("  jit        %s%n", jit));
    c.threads().stream()
        .sorted(java.util.Comparator.comparingDouble(Cost.ThreadTime::idle))
        .limit(MAX_THREAD_LINES)
        .forEach(
            t ->
                out.printf(
                    "    %-34s computing %s  codec %s  messaging %s  idle %s%n",
                    t.thread() + " (" + t.process() + ")",
                    Decomposition.percent(t.computing()),
                    Decomposition.percent(t.codec()),
                    Decomposition.percent(t.messaging()),
                    Decomposition.percent(t.idle())));
    if (c.threads().size() > MAX_THREAD_LINES) {
      out.printf(
          "    ... and %d more thread(s), in the JSON report%n",
          c.threads().size() - MAX_THREAD_LINES);
    }
  }

  private void printDecomposition(Decomposition d) {
    out.printf("  where the time goes, per task (ms; each side on its own clock):%n");
    out.printf("    %-18s %10s %10s %10s  %s%n", "segment", "mean", "p50", "p99", "");
    for (Decomposition.SegmentMs s : d.segments()) {
      out.printf(
          "    %-18s %10s %10s %10s  %s%n",
          s.name(),
          fixed(s.meanMs(), 3),
          fixed(s.p50Ms(), 3),
          fixed(s.p99Ms(), 3),
          s.description());
    }
    out.printf(
        "    end to end %s ms mean: compute %s, serialization %s, messaging and queueing %s%n",
        fixed(d.endToEndMsMean(), 3),
        Decomposition.percent(d.computeShare()),
        Decomposition.percent(d.serializationShare()),
        Decomposition.percent(d.messagingShare()));
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
