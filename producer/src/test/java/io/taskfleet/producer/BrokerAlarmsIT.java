package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.taskfleet.common.testing.CleanUp;
import io.taskfleet.common.testing.TestBroker;
import io.taskfleet.common.testing.WorkerProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real memory alarm on the broker while a run is on: the producer says so on stderr with the
 * broker's reason, says when it clears, and the run then completes with every task once. The broker
 * may be shared, so the alarm lasts only until the producer's line appears (a second or two), and
 * the watermark read before is put back whatever happens.
 */
class BrokerAlarmsIT {

  private static final int TASKS = 200;

  private String queue;
  private MemoryAlarm alarm;
  private WorkerProcess worker;
  private ProducerProcess producer;
  private Connection gate;

  @BeforeEach
  void uniqueQueue() {
    queue = TestBroker.uniqueQueue("it-alarm");
  }

  @AfterEach
  void cleanUp() {
    // The watermark first: other engineers' tests share this broker.
    CleanUp.closeAll(alarm, gate, producer, worker);
    TestBroker.deleteTopology(queue);
  }

  @Test
  void aMemoryAlarmIsSaidOutLoudAndTheRunCompletesOnceItClears() throws Exception {
    alarm = MemoryAlarm.onTestBroker();
    String watermark = alarm.original();
    String url = TestBroker.amqpUrl();
    worker = WorkerProcess.start(url, "--queue", queue);
    producer =
        ProducerProcess.start(
            url,
            "--queue",
            queue,
            "--tasks",
            Integer.toString(TASKS),
            "--iterations",
            "100000",
            "--await-workers",
            "2",
            "--timeout",
            "120");
    producer.awaitStderr("waiting for 2 worker(s)", Duration.ofSeconds(60));

    // The producer is connected and its run has begun; raise the alarm, then let it publish by
    // attaching the second consumer it waits for: the test's own, which takes nothing for good.
    alarm.raise();
    await("the broker lists a memory alarm").atMost(Duration.ofSeconds(30)).until(alarm::active);
    gate = TestBroker.connect("it-alarm-gate");
    Channel gateChannel = gate.createChannel();
    gateChannel.basicQos(1);
    gateChannel.basicConsume(queue, false, (tag, delivery) -> {}, tag -> {});

    producer.awaitStderr("broker blocked publishing: ", Duration.ofSeconds(30));
    // A task this consumer may hold goes back to the queue, for the worker.
    gateChannel.close();
    alarm.restore();
    producer.awaitStderr("broker unblocked publishing after ", Duration.ofSeconds(30));

    assertThat(producer.waitFor(Duration.ofSeconds(150))).as(producer.stderr()).isZero();
    assertThat(alarm.current()).isEqualTo(watermark);
    assertThat(producer.stderr().lines().filter(l -> l.startsWith("broker blocked publishing")))
        .singleElement()
        .asString()
        .contains("(memory alarm)")
        .contains("waiting for it to clear");
    JsonNode run = producer.run();
    FleetChecks.everyTaskExactlyOnce(run, TASKS);
    FleetChecks.nothingLeftBehind(queue, run);
    String blockedFor =
        producer
            .stderr()
            .lines()
            .filter(l -> l.startsWith("broker unblocked publishing after "))
            .map(l -> l.replaceAll(".* after (\\S+) s.*", "$1"))
            .findFirst()
            .orElse("?");
    FleetChecks.figures(
        "memory-alarm",
        run,
        "memoryAlarms=1 producerBlockedSeconds=" + blockedFor + " watermarkRestored=" + watermark);
  }
}
