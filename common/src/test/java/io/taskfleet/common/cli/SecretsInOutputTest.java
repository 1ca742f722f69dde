package io.taskfleet.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.FleetException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** What {@link CommandRunner} prints never holds the broker password, whatever it is made of. */
class SecretsInOutputTest {

  private static final String PASSWORD = "pa/ss@w:rd%-SECRET";
  private static final String URL = "amqp://fleet:" + PASSWORD + "@rabbit.example:5672/%2F";

  @Command(name = "probe", mixinStandardHelpOptions = true)
  static final class Probe implements Runnable {
    @Mixin BrokerOptions broker = new BrokerOptions();

    @Override
    public void run() {
      broker.brokerUrl();
    }
  }

  @Command(name = "failing")
  static final class Failing implements Runnable {
    @Override
    public void run() {
      throw new FleetException("cannot reach " + URL);
    }
  }

  private record Printed(int code, String out, String err) {
    String both() {
      return out + err;
    }
  }

  private static Printed run(Object command, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        CommandRunner.run(
            command,
            "ANY",
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Printed(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void assertNoSecret(Printed printed) {
    assertThat(printed.both()).doesNotContain("SECRET").doesNotContain("pa/ss");
  }

  @Test
  void helpDoesNotShowThePasswordFromTheEnvironment() {
    Printed help = run(new Probe(), Map.of("AMQP_URL", URL), "--help");

    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--amqp-url").contains("****@localhost:5672/%2F");
    assertNoSecret(help);
  }

  @Test
  void aBadUrlFromTheEnvironmentIsReportedWithoutItsPassword() {
    Printed bad = run(new Probe(), Map.of("AMQP_URL", URL));

    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err())
        .contains("cannot parse broker URL 'amqp://fleet:****@rabbit.example:5672/%2F'");
    assertNoSecret(bad);
  }

  @Test
  void aSlashInThePasswordNamesNoHostWithoutShowingThePassword() {
    Printed bad = run(new Probe(), Map.of("AMQP_URL", "amqp://fleet:ab/cd-SECRET@rabbit:5672/%2F"));

    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("names no host").contains("amqp://fleet:****@rabbit:5672/%2F");
    assertNoSecret(bad);
  }

  @Test
  void aBadUrlFromTheFlagIsReportedWithoutItsPassword() {
    Printed bad = run(new Probe(), Map.of(), "--amqp-url", URL);

    assertThat(bad.code()).isEqualTo(2);
    assertNoSecret(bad);
  }

  @Test
  void aUsageErrorThatEchoesTheUrlHidesItsPassword() {
    Printed positional = run(new Probe(), Map.of(), URL);
    Printed mistyped = run(new Probe(), Map.of(), "--amqp-ulr=" + URL);

    assertThat(positional.code()).isEqualTo(2);
    assertThat(positional.err()).contains("amqp://fleet:****@");
    assertNoSecret(positional);
    assertThat(mistyped.code()).isEqualTo(2);
    assertNoSecret(mistyped);
  }

  @Test
  void aFailureWhoseMessageCarriesAUrlIsPrintedWithoutItsPassword() {
    Printed failed = run(new Failing(), Map.of());

    assertThat(failed.err()).contains("cannot reach amqp://fleet:****@rabbit.example");
    assertNoSecret(failed);
  }
}
