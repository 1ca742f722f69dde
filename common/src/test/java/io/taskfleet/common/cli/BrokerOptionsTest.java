package io.taskfleet.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.broker.QueueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class BrokerOptionsTest {

  @Command(name = "probe")
  static final class Probe {
    @Mixin BrokerOptions broker = new BrokerOptions();
  }

  private static BrokerOptions parse(Map<String, String> env, String... args) {
    Probe probe = new Probe();
    CommandLine cli = new CommandLine(probe);
    cli.setDefaultValueProvider(new EnvironmentDefaults("ANY", env));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.parseArgs(args);
    return probe.broker;
  }

  @Test
  void sharedOptionsComeFromUnprefixedVariables() {
    BrokerOptions options =
        parse(Map.of("TASK_QUEUE", "jobs", "QUEUE_TYPE", "classic", "CONNECT_RETRY", "30"));

    assertThat(options.topology().taskQueue()).isEqualTo("jobs");
    assertThat(options.topology().queueType()).isEqualTo(QueueType.CLASSIC);
    assertThat(options.connectRetry()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void urlFileWinsOverTheUrlAndIsWhatChildProcessesGet(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("amqp-url");
    Files.writeString(file, "amqp://fleet:s3cret@rabbit:5672/%2F\n");

    BrokerOptions options =
        parse(
            Map.of("AMQP_URL", "amqp://guest:guest@localhost:5672/%2F"),
            "--amqp-url-file",
            file.toString());

    assertThat(options.brokerUrl().host()).isEqualTo("rabbit");
    assertThat(options.brokerUrl().toString()).doesNotContain("s3cret");
    assertThat(options.effectiveAmqpUrl()).isEqualTo("amqp://fleet:s3cret@rabbit:5672/%2F");
  }
}
