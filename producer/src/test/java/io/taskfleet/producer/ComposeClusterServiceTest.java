package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.broker.BrokerUrl;
import io.taskfleet.common.broker.QueueType;
import io.taskfleet.common.cli.EnvironmentDefaults;
import io.taskfleet.common.testing.ComposeFile;
import io.taskfleet.common.testing.LogbackVariables;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** compose.cluster.yaml's producer service against the producer's code: no Docker needed. */
class ComposeClusterServiceTest {

  private final ComposeFile compose = ComposeFile.find("compose.cluster.yaml");

  @Test
  void everyVariableTheClusterFileSetsOnTheProducerIsOneTheProducerReads() {
    Set<String> read =
        new TreeSet<>(
            EnvironmentDefaults.variablesOf(
                "PRODUCER", new CommandLine(new ProducerCommand()).getCommandSpec()));
    read.addAll(LogbackVariables.of("logback.xml"));

    assertThat(compose.environment("producer").keySet()).isSubsetOf(read);
  }

  @Test
  void theProducerKnowsEveryNodeAndReplicatesItsResultQueue() {
    ProducerConfig config = parse(compose.interpolatedEnvironment("producer"));

    assertThat(config.brokerUrl().nodes())
        .containsExactly(
            new BrokerUrl.Node("rabbit1", 5672),
            new BrokerUrl.Node("rabbit2", 5672),
            new BrokerUrl.Node("rabbit3", 5672));
    assertThat(config.topology().queueType()).isEqualTo(QueueType.QUORUM);
    assertThat(config.topology().resultQueueType()).isEqualTo(QueueType.QUORUM);
    assertThat(config.awaitWorkers()).isEqualTo(ProducerConfig.AWAIT_AUTO);
    assertThat(compose.interpolatedEnvironment("worker").get("AMQP_URL"))
        .isEqualTo(compose.interpolatedEnvironment("producer").get("AMQP_URL"));
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
