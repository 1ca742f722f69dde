package io.taskfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.cli.EnvironmentDefaults;
import io.taskfleet.common.testing.ComposeFile;
import io.taskfleet.common.testing.LogbackVariables;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** compose.yaml's worker service against the worker's code: no Docker needed. */
class ComposeWorkerServiceTest {

  private final ComposeFile compose = ComposeFile.find();

  @Test
  void everyVariableComposeSetsOnTheWorkerIsOneTheWorkerReads() {
    Set<String> read =
        new TreeSet<>(
            EnvironmentDefaults.variablesOf(
                "WORKER", new CommandLine(new WorkerCommand()).getCommandSpec()));
    read.addAll(LogbackVariables.of("logback.xml"));

    assertThat(compose.environment("worker").keySet()).isSubsetOf(read).contains("AMQP_URL");
  }

  @Test
  void composeEnvironmentMakesAWorkerOnTheComposeBrokerThatServesItsHealthcheck() {
    Map<String, String> env = compose.interpolatedEnvironment("worker");
    Map<String, String> broker = compose.interpolatedEnvironment("rabbitmq");

    // The image's plugin folder, mounted from the host: not on this machine.
    env = new java.util.HashMap<>(env);
    assertThat(env.remove("WORKER_PLUGINS")).isEqualTo("/app/plugins");
    WorkerConfig config = parse(env);

    assertThat(config.brokerUrl().host()).isEqualTo("rabbitmq");
    assertThat(config.brokerUrl().username())
        .isEqualTo(broker.get("RABBITMQ_DEFAULT_USER"))
        .isNotEqualTo("guest");
    assertThat(config.brokerUrl().password()).isEqualTo(broker.get("RABBITMQ_DEFAULT_PASS"));
    assertThat(config.connectRetry()).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    assertThat(config.metricsPort()).isEqualTo(8080);
    assertThat(String.valueOf(compose.service("worker").get("healthcheck")))
        .contains("/app/taskfleet, health");
  }

  private static WorkerConfig parse(Map<String, String> env) {
    WorkerCommand command = new WorkerCommand();
    CommandLine cli = new CommandLine(command);
    cli.setDefaultValueProvider(new EnvironmentDefaults("WORKER", env));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.parseArgs();
    return command.toConfig();
  }
}
