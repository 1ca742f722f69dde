package io.taskfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.broker.QueueType;
import io.taskfleet.common.cli.CommandRunner;
import io.taskfleet.common.cli.EnvironmentDefaults;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class WorkerCommandTest {

  private static WorkerConfig parse(Map<String, String> env, String... args) {
    WorkerCommand command = new WorkerCommand();
    CommandLine cli = new CommandLine(command);
    cli.setDefaultValueProvider(new EnvironmentDefaults("WORKER", env));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.parseArgs(args);
    return command.toConfig();
  }

  private static int run(ByteArrayOutputStream err, String... args) {
    PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
    return CommandRunner.run(new WorkerCommand(), "WORKER", Map.of(), System.out, stream, args);
  }

  @Test
  void defaultsAreOneThreadTheLocalBrokerAndAQuorumQueue() {
    WorkerConfig config = parse(Map.of());

    assertThat(config.threads()).isEqualTo(1);
    assertThat(config.prefetch()).isEqualTo(WorkerConfig.DEFAULT_PREFETCH);
    assertThat(config.brokerUrl().host()).isEqualTo("localhost");
    assertThat(config.topology().taskQueue()).isEqualTo("tasks");
    assertThat(config.topology().queueType()).isEqualTo(QueueType.QUORUM);
  }

  @Test
  void environmentOverridesDefaultsAndFlagsOverrideEnvironment() {
    Map<String, String> env =
        Map.of(
            "WORKER_THREADS",
            "4",
            "WORKER_PREFETCH",
            "7",
            "AMQP_URL",
            "amqp://u:p@rabbit:5672/%2F",
            "QUEUE_TYPE",
            "classic");

    WorkerConfig fromEnv = parse(env);
    WorkerConfig fromFlags = parse(env, "--threads", "2");

    assertThat(fromEnv.threads()).isEqualTo(4);
    assertThat(fromEnv.prefetch()).isEqualTo(7);
    assertThat(fromEnv.brokerUrl().host()).isEqualTo("rabbit");
    assertThat(fromEnv.topology().queueType()).isEqualTo(QueueType.CLASSIC);
    assertThat(fromFlags.threads()).isEqualTo(2);
  }

  @Test
  void everyOptionNamesItsEnvironmentVariableInItsHelp() {
    CommandLine cli = new CommandLine(new WorkerCommand());
    for (OptionSpec option : cli.getCommandSpec().options()) {
      if (option.usageHelp() || option.versionHelp()) {
        continue;
      }
      String variable = EnvironmentDefaults.variableFor("WORKER", option.longestName());
      assertThat(String.join(" ", option.description()))
          .as(option.longestName())
          .contains("env " + variable);
    }
  }

  @Test
  void zeroThreadsIsOneClearLineAndExitCode2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = run(err, "--threads", "0");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("worker: --threads must be at least 1, was 0");
  }

  @Test
  void unknownFlagSaysSoAndPointsToHelp() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = run(err, "--thread", "2");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Unknown options: '--thread'")
        .contains("--threads")
        .contains("Try 'worker --help'")
        .doesNotContain("at io.taskfleet");
  }

  @Test
  void limitsForPluginKindsComeFromFlagsOrTheEnvironment() {
    WorkerConfig fromEnv = parse(Map.of("WORKER_LIMIT", "max-rounds=5,max-bytes=10"));
    WorkerConfig fromFlags = parse(Map.of(), "--limit", "max-rounds=7", "--max-iterations", "9");

    assertThat(fromEnv.extraLimits())
        .containsEntry("max-rounds", 5L)
        .containsEntry("max-bytes", 10L);
    assertThat(fromFlags.limits().asLimits().get("max-rounds", 0)).isEqualTo(7);
    assertThat(fromFlags.limits().asLimits().get("max-iterations", 0)).isEqualTo(9);
    assertThat(fromFlags.kinds().names()).containsExactly("cpu", "sleep", "http", "image");
  }
}
