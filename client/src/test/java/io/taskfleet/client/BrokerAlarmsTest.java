package io.taskfleet.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BrokerAlarmsTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final AtomicLong now = new AtomicLong();
  private final BrokerAlarms alarms =
      new BrokerAlarms(new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aMemoryAlarmIsOneLineWithTheBrokersReasonAndItsEndAnother() {
    alarms.handleBlocked("low on memory");
    now.set(2_500_000_000L);
    alarms.handleUnblocked();

    assertThat(printed().lines())
        .containsExactly(
            "broker blocked publishing: low on memory (memory alarm); waiting for it to clear"
                + " (rabbitmq-diagnostics alarms on the broker shows it)",
            "broker unblocked publishing after 2.5 s; going on");
  }

  @Test
  void aDiskAlarmIsNamedAsSuch() {
    alarms.handleBlocked("low on disk");

    assertThat(printed()).contains("low on disk (disk alarm)");
  }

  @Test
  void repeatedNotificationsPrintOneLineEach() {
    alarms.handleUnblocked();
    alarms.handleBlocked("low on memory");
    alarms.handleBlocked("low on memory");
    alarms.handleUnblocked();
    alarms.handleUnblocked();

    assertThat(printed().lines()).hasSize(2);
  }

  @Test
  void aHostileOrMissingReasonIsBoundedOnOneLine() {
    alarms.handleBlocked("m\nemory " + "x".repeat(100_000));

    assertThat(printed().lines()).singleElement().asString().hasSizeLessThan(400);
    assertThat(BrokerAlarms.describe(null)).isEqualTo("no reason given (resource alarm)");
  }
}
