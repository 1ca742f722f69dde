package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.testing.WorkerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both programs, run as users run them, never print the broker password: not in {@code --help} when
 * the URL comes from the environment, and not when the URL is bad because the password holds a
 * {@code /} (or {@code @ : %}). No broker is needed: each run ends before connecting.
 */
class SecretsIT {

  private static final String PASSWORD = "pa/ss@w:rd%-SECRET";
  private static final String BAD_URL = "amqp://fleet:" + PASSWORD + "@127.0.0.1:5672/%2F";
  private static final String GOOD_URL = "amqp://fleet:s3cret-SECRET@127.0.0.1:5672/%2F";

  private record Ran(int code, String output) {}

  static Stream<Arguments> programs() {
    return Stream.of(
        Arguments.of("worker", WorkerProcess.jar()),
        Arguments.of("producer", ProducerProcess.jar()));
  }

  private static Ran run(Path jar, Map<String, String> env, String... args) throws Exception {
    Path output = Files.createTempFile("secrets-", ".out");
    List<String> command =
        new ArrayList<>(List.of(WorkerProcess.javaBinary(), "-Xmx128m", "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(output.toFile());
    builder.environment().remove("AMQP_URL");
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(jar + " still running after 60 s: " + read(output));
    }
    return new Ran(process.exitValue(), read(output));
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static void assertNoPassword(Ran ran) {
    assertThat(ran.output())
        .doesNotContain("SECRET")
        .doesNotContain("pa/ss")
        .doesNotContain("s3cret")
        .doesNotContain("pa%2Fss");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void helpDoesNotPrintThePasswordFromTheEnvironment(String name, Path jar) throws Exception {
    Ran withGood = run(jar, Map.of("AMQP_URL", GOOD_URL), "--help");
    Ran withBad = run(jar, Map.of("AMQP_URL", BAD_URL), "--help");

    assertThat(withGood.code()).isZero();
    assertThat(withGood.output()).contains("--amqp-url");
    assertNoPassword(withGood);
    assertThat(withBad.code()).isZero();
    assertNoPassword(withBad);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void aBadUrlWithASlashInThePasswordIsReportedWithoutIt(String name, Path jar) throws Exception {
    Ran fromEnv = run(jar, Map.of("AMQP_URL", BAD_URL));
    Ran fromFlag = run(jar, Map.of(), "--amqp-url", BAD_URL);
    Ran noHost = run(jar, Map.of("AMQP_URL", "amqp://fleet:ab/cd-SECRET@127.0.0.1:5672/%2F"));
    Ran positional = run(jar, Map.of(), BAD_URL);

    for (Ran ran : List.of(fromEnv, fromFlag, noHost, positional)) {
      assertThat(ran.code()).as(ran.output()).isEqualTo(2);
      assertThat(ran.output()).contains(name + ": ").doesNotContain("Exception");
      assertNoPassword(ran);
    }
    assertThat(noHost.output()).contains("names no host").contains("amqp://fleet:****@127.0.0.1");
  }
}
