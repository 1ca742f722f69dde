package io.taskfleet.common.codec;

import io.taskfleet.common.kinds.CpuParams;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.TaskStatus;
import io.taskfleet.common.protocol.WorkerIdentity;
import io.taskfleet.common.protocol.WorkerTimings;
import java.util.ArrayList;
import java.util.List;

/**
 * Nanoseconds per task of the codec's three hot paths on tiny tasks: a worker encoding results, the
 * producer decoding them, a worker decoding a chunk of 312 tasks (the size auto gives 20,000 tiny
 * tasks on two workers). Not a test: a benchmark, run by hand and compared within one run. Prints
 * each round and the best of all rounds.
 *
 * <pre>
 * mvn -B -q install -DskipTests
 * java -cp common/target/test-classes:producer/target/producer.jar \
 *     io.taskfleet.common.codec.CodecThroughput [ROUNDS]
 * </pre>
 */
public final class CodecThroughput {

  private static final int TASKS = 312;
  private static final int MESSAGES_PER_ROUND = 2000;

  private CodecThroughput() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 25;
    Codec codec = Codecs.byName("json");
    List<Task> tasks = new ArrayList<>();
    List<TaskResult> results = new ArrayList<>();
    for (int i = 0; i < TASKS; i++) {
      tasks.add(new Task("r5ac07783", i, "cpu", new CpuParams(0), 1_764_036_964_512L));
      results.add(
          new TaskResult(
              "r5ac07783",
              i,
              TaskStatus.OK,
              0,
              null,
              new WorkerIdentity("vm", 28506, "fleet-worker-1"),
              new WorkerTimings(41_250, 1_204, 9_834, 1_795_430_164_512_012L),
              false));
    }
    byte[] chunk = codec.encodeChunk(tasks);
    byte[] batch = codec.encodeResults(results);
    double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    long sink = 0;
    for (int round = 1; round <= rounds; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < MESSAGES_PER_ROUND; i++) {
        sink += codec.encodeResults(results).length;
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < MESSAGES_PER_ROUND; i++) {
        sink += codec.decodeResults(batch).size();
      }
      long t2 = System.nanoTime();
      for (int i = 0; i < MESSAGES_PER_ROUND; i++) {
        sink += codec.decodeTaskMessage(chunk).tasks().size();
      }
      long t3 = System.nanoTime();
      double[] perTask = {per(t1 - t0), per(t2 - t1), per(t3 - t2)};
      for (int k = 0; k < 3; k++) {
        best[k] = Math.min(best[k], perTask[k]);
      }
      System.out.printf(
          "round %d: encode results %.0f ns, decode results %.0f ns, decode chunk %.0f ns per task%n",
          round, perTask[0], perTask[1], perTask[2]);
    }
    System.out.printf(
        "best: encode results %.0f ns, decode results %.0f ns, decode chunk %.0f ns per task"
            + " (%d bytes per result; checksum %d)%n",
        best[0], best[1], best[2], batch.length / TASKS, sink);
  }

  private static double per(long nanos) {
    return nanos / (double) (MESSAGES_PER_ROUND * TASKS);
  }
}
