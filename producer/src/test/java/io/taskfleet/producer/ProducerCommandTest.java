package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.broker.QueueType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What a user sees for the mistakes they make; none of these needs a broker. */
class ProducerCommandTest {

  @Test
  void awaitWorkersTakesACountOrAuto() {
    assertThat(config("--await-workers", "auto").awaitWorkers())
        .isEqualTo(ProducerConfig.AWAIT_AUTO);
    assertThat(config("--await-workers", "3").awaitWorkers()).isEqualTo(3);
    assertThat(config().awaitWorkers()).isZero();
  }

  @Test
  void awaitWorkersRefusesAnythingElse() {
    ProducerRunner.Outcome outcome = ProducerRunner.run(Map.of(), "--await-workers", "many");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).contains("neither a number of consumers nor 'auto'");
  }

  @Test
  void resultQueueIsClassicUnlessAskedForQuorum() {
    assertThat(config().topology().resultQueueType()).isEqualTo(QueueType.CLASSIC);
    assertThat(config("--result-queue-type", "quorum").topology().resultQueueType())
        .isEqualTo(QueueType.QUORUM);
  }

  @Test
  void modeAllComparesWarmJvmsUnlessToldOtherwise() {
    assertThat(experiment("--mode", "all").warmup()).isInstanceOf(Warmup.Auto.class);
    assertThat(experiment().warmup()).isEqualTo(new Warmup.Fixed(0));
    assertThat(experiment("--mode", "all", "--warmup", "0").warmup())
        .isEqualTo(new Warmup.Fixed(0));
    assertThat(experiment("--warmup", "3").warmup()).isEqualTo(new Warmup.Fixed(3));
  }

  @Test
  void modeAllTakesTheMedianOfFiveRoundsUnlessToldOtherwise() {
    assertThat(experiment("--mode", "all").repeat()).isEqualTo(5);
    assertThat(experiment().repeat()).isEqualTo(1);
    assertThat(experiment("--mode", "all", "--repeat", "1").repeat()).isEqualTo(1);
    assertThat(experiment("--repeat", "3").repeat()).isEqualTo(3);
  }

  private static ExperimentConfig experiment(String... args) {
    return parsed(args).toExperiment();
  }

  private static ProducerConfig config(String... args) {
    return parsed(args).toConfig();
  }

  private static ProducerCommand parsed(String... args) {
    ProducerCommand command = new ProducerCommand();
    CommandLine cli = new CommandLine(command);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.parseArgs(args);
    return command;
  }

  @Test
  void negativeTaskCountIsOneClearLineAndExitCode2() {
    ProducerRunner.Outcome outcome = ProducerRunner.run(Map.of(), "--tasks", "-1");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err().strip()).isEqualTo("producer: --tasks must be at least 1, was -1");
  }

  @Test
  void nonNumericFlagIsABadUsage() {
    ProducerRunner.Outcome outcome = ProducerRunner.run(Map.of(), "--iterations", "lots");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).contains("'lots' is not a long").contains("Try 'producer --help'");
  }

  @Test
  void unparseableUrlIsOneClearLine() {
    ProducerRunner.Outcome outcome =
        ProducerRunner.run(Map.of(), "--amqp-url", "amqp://u:pw@bad host");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err().lines()).hasSize(1);
    assertThat(outcome.err()).contains("cannot parse broker URL").doesNotContain("pw@");
  }

  @Test
  void unreachableBrokerIsOneLineThatSaysWhatToDo() {
    ProducerRunner.Outcome outcome =
        ProducerRunner.run(
            Map.of("AMQP_URL", "amqp://guest:secret@127.0.0.1:1/%2F"), "--tasks", "1");

    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.err().lines()).hasSize(1);
    assertThat(outcome.err())
        .contains("cannot connect to RabbitMQ at amqp://guest:****@127.0.0.1:1/%2F")
        .contains("is it running?")
        .doesNotContain("secret");
  }

  @Test
  void unknownCodecIsRefusedWithTheKnownOnes() {
    ProducerRunner.Outcome outcome = ProducerRunner.run(Map.of(), "--codec", "xml");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).contains("unknown codec 'xml'; use one of json");
  }

  @Test
  void coldWithoutSpawnedWorkersIsRefused() {
    ProducerRunner.Outcome outcome = ProducerRunner.run(Map.of(), "--mode", "all", "--cold");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err().strip())
        .isEqualTo("producer: --cold needs --spawn-workers N and a mode that runs the fleet");
  }

  @Test
  void unknownModeIsABadUsageNamingTheModes() {
    ProducerRunner.Outcome outcome = ProducerRunner.run(Map.of(), "--mode", "cluster");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err())
        .containsIgnoringCase("origin")
        .containsIgnoringCase("threads")
        .containsIgnoringCase("fleet")
        .contains("cluster");
  }

  @Test
  void originModeNeedsNoBroker() {
    ProducerRunner.Outcome outcome =
        ProducerRunner.run(
            Map.of("AMQP_URL", "amqp://guest:guest@127.0.0.1:1/%2F"),
            "--mode",
            "origin",
            "--tasks",
            "20",
            "--iterations",
            "1000");

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.run(0).get("mode").asText()).isEqualTo("origin");
    assertThat(outcome.run(0).get("completed").asInt()).isEqualTo(20);
  }
}
