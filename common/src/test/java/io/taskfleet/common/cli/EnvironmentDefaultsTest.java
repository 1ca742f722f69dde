package io.taskfleet.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class EnvironmentDefaultsTest {

  @Test
  void programOptionsTakeTheProgramPrefix() {
    assertThat(EnvironmentDefaults.variableFor("WORKER", "--threads")).isEqualTo("WORKER_THREADS");
    assertThat(EnvironmentDefaults.variableFor("PRODUCER", "--await-workers"))
        .isEqualTo("PRODUCER_AWAIT_WORKERS");
  }

  @Test
  void sharedOptionsHaveNoPrefix() {
    assertThat(EnvironmentDefaults.variableFor("WORKER", "--amqp-url")).isEqualTo("AMQP_URL");
    assertThat(EnvironmentDefaults.variableFor("PRODUCER", "--queue")).isEqualTo("TASK_QUEUE");
    assertThat(EnvironmentDefaults.variableFor("PRODUCER", "--queue-type")).isEqualTo("QUEUE_TYPE");
  }

  @Command(name = "sample", mixinStandardHelpOptions = true)
  static final class Sample {
    @Option(names = {"-t", "--threads"})
    int threads;

    @Option(names = "--amqp-url")
    String amqpUrl;
  }

  @Test
  void variablesOfACommandAreItsOptionsWithoutHelpAndVersion() {
    CommandLine cli = new CommandLine(new Sample());

    assertThat(EnvironmentDefaults.variablesOf("WORKER", cli.getCommandSpec()))
        .containsExactly("AMQP_URL", "WORKER_THREADS");
  }
}
