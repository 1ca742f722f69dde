package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.cli.EnvironmentDefaults;
import io.taskfleet.common.testing.ComposeFile;
import io.taskfleet.common.testing.LogbackVariables;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** compose.yaml's producer service against the producer's code: no Docker needed. */
class ComposeProducerServiceTest {

  private final ComposeFile compose = ComposeFile.find();

  @Test
  void everyVariableComposeSetsOnTheProducerIsOneTheProducerReads() {
    Set<String> read =
        new TreeSet<>(
            EnvironmentDefaults.variablesOf(
                "PRODUCER", new CommandLine(new ProducerCommand()).getCommandSpec()));
    read.addAll(LogbackVariables.of("logback.xml"));

    assertThat(compose.environment("producer").keySet())
        .isSubsetOf(read)
        .contains("AMQP_URL", "PRODUCER_AWAIT_WORKERS");
  }

  @Test
  void
      composeEnvironmentMakesAProducerThatWaitsForWorkersToStopArrivingAndWritesIntoTheMountedFolder() {
    Map<String, String> env = compose.interpolatedEnvironment("producer");
    Map<String, String> broker = compose.interpolatedEnvironment("rabbitmq");
    // The image's plugin folder, mounted from the host: not on this machine.
    env = new java.util.HashMap<>(env);
    assertThat(env.remove("PRODUCER_PLUGINS")).isEqualTo("/app/plugins");
    ProducerConfig config = parse(env);

    assertThat(config.brokerUrl().host()).isEqualTo("rabbitmq");
    assertThat(config.brokerUrl().username()).isEqualTo(broker.get("RABBITMQ_DEFAULT_USER"));
    // However many workers --scale starts: the producer waits until they stop arriving.
    assertThat(config.awaitWorkers()).isEqualTo(ProducerConfig.AWAIT_AUTO);
    assertThat(config.jsonFile().getParent()).isIn(volumeTargets());
    assertThat(config.htmlFile().getParent()).isIn(volumeTargets());
  }

  private List<Path> volumeTargets() {
    List<?> volumes = (List<?>) compose.service("producer").get("volumes");
    // SOURCE:TARGET[:MODE], where SOURCE may hold ${VAR:-./x}: the target is the last absolute
    // part.
    return volumes.stream()
        .map(v -> String.valueOf(v).replaceAll(":(ro|rw)$", ""))
        .map(v -> Path.of(v.substring(v.lastIndexOf(':') + 1)))
        .toList();
  }

  private static ProducerConfig parse(Map<String, String> env) {
    ProducerCommand command = new ProducerCommand();
    CommandLine cli = new CommandLine(command);
    cli.setDefaultValueProvider(new EnvironmentDefaults("PRODUCER", env));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.parseArgs();
    return command.toConfig();
  }
}
