package io.taskfleet.producer.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskfleet.common.testing.ComposeFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code compose.cluster.yaml} for real: three clustered RabbitMQ nodes, three worker containers
 * and the producer. In the middle of the run the node leading the task queue is {@code docker
 * kill}ed; the run must still complete with every task reported once, and the test prints how long
 * the fleet took to make progress again. Runs only with {@code -Pcontainers}; skips, saying why,
 * without a Docker engine.
 */
@Tag("containers")
class ClusterFailoverIT {

  private static final int WORKERS = 3;
  private static final int TASKS = 1_500;
  private static final String SLEEP_MS = "20";
  private static final int FIRST_PORT =
      Integer.parseInt(System.getenv().getOrDefault("CLUSTER_IT_FIRST_PORT", "35680"));
  private static final String[] NODES = {"rabbit1", "rabbit2", "rabbit3"};

  private final String project =
      "taskfleet-cluster-" + UUID.randomUUID().toString().substring(0, 6);
  private ComposeCli compose;
  private Path reports;
  private Map<String, ManagementApi> apis;

  @BeforeEach
  void needsDocker() throws IOException {
    Optional<String> unavailable = ComposeCli.unavailableReason();
    unavailable.ifPresent(reason -> System.err.println("ClusterFailoverIT skipped: " + reason));
    assumeTrue(unavailable.isEmpty(), () -> "container test skipped: " + unavailable.orElseThrow());
    reports = Files.createTempDirectory("cluster-it-reports");
    Map<String, String> env = new HashMap<>();
    env.put("COMPOSE_FILE", "compose.cluster.yaml");
    env.put("REPORTS_DIR", reports.toString());
    env.put("PRODUCER_TASKS", String.valueOf(TASKS));
    env.put("PRODUCER_KIND", "sleep");
    env.put("PRODUCER_SLEEP_MS", SLEEP_MS);
    // Each node's AMQP and management ports on the host, apart from a local broker's.
    env.put("RABBITMQ_AMQP_PORT", String.valueOf(FIRST_PORT));
    env.put("RABBITMQ_UI_PORT", String.valueOf(FIRST_PORT + 1));
    env.put("RABBITMQ2_AMQP_PORT", String.valueOf(FIRST_PORT + 2));
    env.put("RABBITMQ2_UI_PORT", String.valueOf(FIRST_PORT + 3));
    env.put("RABBITMQ3_AMQP_PORT", String.valueOf(FIRST_PORT + 4));
    env.put("RABBITMQ3_UI_PORT", String.valueOf(FIRST_PORT + 5));
    ComposeFile file = ComposeFile.find();
    compose = ComposeCli.forProject(file.directory(), project, env);
    String user = file.dotEnv().get("RABBITMQ_USER");
    String password = file.dotEnv().get("RABBITMQ_PASSWORD");
    apis = new HashMap<>();
    for (int i = 0; i < NODES.length; i++) {
      apis.put(NODES[i], new ManagementApi(FIRST_PORT + 1 + 2 * i, user, password));
    }
  }

  @AfterEach
  void down() {
    if (compose != null) {
      compose.run(
          Duration.ofMinutes(3), "down", "--volumes", "--remove-orphans", "--timeout", "45");
    }
  }

  @Test
  void killingTheTaskQueueLeaderMidRunLosesNothingAndReportsNothingTwice() throws IOException {
    runLosingTheLeader(
        "killed",
        node -> {
          ComposeCli.Result kill =
              compose.run(Duration.ofMinutes(1), "kill", "-s", "SIGKILL", node);
          assertThat(kill.exitCode()).as(kill.output()).isZero();
        },
        node -> {});
  }

  @Test
  void pausingTheTaskQueueLeaderLongerThanTheHeartbeatLosesNothing() throws IOException {
    runLosingTheLeader(
        "paused",
        node -> {
          ComposeCli.Result pause = compose.run(Duration.ofMinutes(1), "pause", node);
          assertThat(pause.exitCode()).as(pause.output()).isZero();
        },
        node -> {
          // Frozen until the other nodes have declared it down, which takes longer than the
          // clients' 15 s heartbeat (Erlang's net tick: about 60 s), then thawed mid-run or after.
          ManagementApi survivor = survivorOf(node);
          await(node + " seen as down by the others")
              .atMost(Duration.ofMinutes(3))
              .pollInterval(Duration.ofSeconds(1))
              .until(
                  () ->
                      survivor
                          .get("/nodes/rabbit@" + node)
                          .map(n -> !n.path("running").asBoolean(true))
                          .orElse(false));
          ComposeCli.Result unpause = compose.run(Duration.ofMinutes(1), "unpause", node);
          assertThat(unpause.exitCode()).as(unpause.output()).isZero();
        });
  }

  /** A node operation, such as killing or pausing it. */
  @FunctionalInterface
  private interface NodeAction {
    void apply(String node);
  }

  private ManagementApi survivorOf(String lost) {
    return apis.get(Arrays.stream(NODES).filter(n -> !n.equals(lost)).findFirst().orElseThrow());
  }

  private void runLosingTheLeader(String what, NodeAction lose, NodeAction afterRecovery)
      throws IOException {
    ComposeCli.Result up =
        compose.run(Duration.ofMinutes(15), "up", "-d", "--build", "--scale", "worker=" + WORKERS);
    assertThat(up.exitCode()).as(tail(up.output())).isZero();

    // The run is under way: the queue has a member on every node and a good part of the tasks.
    AtomicReference<JsonNode> queue = new AtomicReference<>();
    await("the run under way, tasks queue replicated on 3 nodes")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              Optional<JsonNode> q = apis.get("rabbit1").queue("tasks");
              q.ifPresent(queue::set);
              return q.filter(
                      n ->
                          n.path("members").size() == 3
                              && n.path("messages").asInt() > 0
                              && n.path("messages").asInt() <= TASKS * 8 / 10)
                  .isPresent();
            });
    String leader = queue.get().path("leader").asText();
    String killed = leader.substring(leader.indexOf('@') + 1);
    int messagesAtKill = queue.get().path("messages").asInt();
    assertThat(killed).isIn((Object[]) NODES);

    List<String> onLostNode = connectionsOn(killed);
    long killedAt = System.nanoTime();
    lose.apply(killed);
    System.err.printf(
        "ClusterFailoverIT: %d connection(s) were on %s: %s%n",
        onLostNode.size(), killed, onLostNode);

    // Recovered: tasks are acked again, read from a node that is still up.
    ManagementApi survivor = survivorOf(killed);
    AtomicReference<String> newLeader = new AtomicReference<>("?");
    await("tasks acked again after losing " + killed)
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                survivor
                    .queue("tasks")
                    .filter(n -> n.path("messages").asInt() < messagesAtKill - 10)
                    .map(
                        n -> {
                          newLeader.set(n.path("leader").asText());
                          return true;
                        })
                    .orElse(false));
    Duration recovery = Duration.ofNanos(System.nanoTime() - killedAt);
    System.err.printf(
        "ClusterFailoverIT: %s %s (leader of 'tasks') with %d tasks left; a surviving node's"
            + " management API showed tasks acked again %.1f s later, leader %s%n",
        what, killed, messagesAtKill, recovery.toMillis() / 1000.0, newLeader.get());

    afterRecovery.apply(killed);

    String producer = lines(compose.run(Duration.ofMinutes(1), "ps", "-q", "producer")).get(0);
    ComposeCli.Result exit = ComposeCli.docker(Duration.ofMinutes(6), "wait", producer);
    ComposeCli.Result logs = compose.run(Duration.ofMinutes(1), "logs", "--no-color", "producer");
    System.err.println(tail(logs.output()));
    List<Double> gaps = progressGaps(logs.output());
    System.err.printf(
        "ClusterFailoverIT: the producer's progress, a line per tenth of the run: longest gap"
            + " %.2f s (the fleet's stall), median gap %.2f s%n",
        gaps.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
        gaps.isEmpty() ? Double.NaN : gaps.stream().sorted().toList().get(gaps.size() / 2));
    assertThat(exit.output().strip()).as(tail(logs.output())).isEqualTo("0");
    JsonNode run =
        new ObjectMapper()
            .readTree(reports.resolve("cluster-report.json").toFile())
            .get("runs")
            .get(0);
    assertThat(run.get("completed").asInt()).isEqualTo(TASKS);
    assertThat(run.get("failed").asInt()).isZero();
    assertThat(run.get("missing").asInt()).isZero();
    assertThat(run.get("valuesCorrect").asBoolean()).isTrue();
    System.err.printf(
        "ClusterFailoverIT: %d tasks completed once each, %d duplicate results discarded,"
            + " %d republished, elapsed %.1f s%n",
        run.get("completed").asInt(),
        run.get("duplicates").asInt(),
        run.get("republished").asInt(),
        run.get("elapsedSeconds").asDouble());
  }

  /** The client-given names of the connections on {@code node}, as the management API lists. */
  private List<String> connectionsOn(String node) {
    List<String> names = new ArrayList<>();
    apis.get("rabbit1")
        .get("/connections")
        .ifPresent(
            all ->
                all.forEach(
                    c -> {
                      if (c.path("node").asText().equals("rabbit@" + node)) {
                        names.add(c.path("client_properties").path("connection_name").asText());
                      }
                    }));
    return names;
  }

  /** Seconds between consecutive progress lines ("150/1500 tasks (10%) after 2.28 s"). */
  private static List<Double> progressGaps(String log) {
    Matcher line = PROGRESS.matcher(log);
    List<Double> gaps = new ArrayList<>();
    double previous = 0;
    while (line.find()) {
      double at = Double.parseDouble(line.group(1));
      gaps.add(at - previous);
      previous = at;
    }
    return gaps;
  }

  private static final Pattern PROGRESS = Pattern.compile("tasks \\(\\d+%\\) after ([0-9.]+) s");

  private static List<String> lines(ComposeCli.Result result) {
    return Arrays.stream(result.output().split("\n"))
        .map(String::strip)
        .filter(line -> line.matches("[0-9a-f]{64}"))
        .toList();
  }

  private static String tail(String output) {
    String[] lines = output.split("\n");
    return String.join(
        "\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 60), lines.length));
  }
}
