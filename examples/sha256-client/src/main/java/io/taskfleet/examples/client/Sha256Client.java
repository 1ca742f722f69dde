package io.taskfleet.examples.client;

import io.taskfleet.client.FleetClient;
import io.taskfleet.client.FleetClientOptions;
import io.taskfleet.client.LocalTaskClient;
import io.taskfleet.client.TaskClient;
import io.taskfleet.examples.sha256.Sha256Kind;
import io.taskfleet.examples.sha256.Sha256Params;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Hashes 20 generated buffers on the fleet (or, with {@code --local}, on a pool in this process)
 * and prints each task's id, status and value, in task order. The broker comes from {@code
 * AMQP_URL}, the task queue from {@code TASKFLEET_QUEUE} (default {@code tasks}).
 */
public final class Sha256Client {

  public static void main(String[] args) {
    String url = System.getenv().getOrDefault("AMQP_URL", "amqp://guest:guest@localhost:5672/%2F");
    String queue = System.getenv().getOrDefault("TASKFLEET_QUEUE", "tasks");
    boolean local = List.of(args).contains("--local");
    List<Sha256Params> params =
        IntStream.range(0, 20).mapToObj(seed -> new Sha256Params(65_536, 100, seed)).toList();
    try (TaskClient client =
        local
            ? LocalTaskClient.threads(4)
            : FleetClient.connect(FleetClientOptions.of(url).withQueue(queue))) {
      client
          .map(new Sha256Kind(), params)
          .inOrder()
          .forEach(r -> System.out.println(r.taskId() + " " + r.status() + " " + r.value()));
    }
  }

  private Sha256Client() {}
}
