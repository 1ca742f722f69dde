package io.taskfleet.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.taskfleet.common.protocol.InvalidMessageException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bytes an attacker or a broken client may publish: decoding them throws {@link
 * InvalidMessageException} and nothing else, quickly, with a short one-line reason; peeking at them
 * never throws.
 */
class HostileInputTest {

  private static final int LIMIT = JacksonCodec.MAX_REASON_CHARS + 40;
  private static final String GOOD_PARAMS = "\"params\":{\"iterations\":10},\"createdAtEpochMs\":1";

  private final Codec json = Codecs.byName("json");
  private final Codec smile = Codecs.byName("smile");

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String task(String fields) {
    return "{\"runId\":\"r1\",\"taskId\":1,\"kind\":\"cpu\"," + fields + "}";
  }

  static Stream<Arguments> hostileJson() {
    String deepArray = "[".repeat(10_000) + "]".repeat(10_000);
    String deepObject = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
    String deepInParams =
        task(
            "\"params\":{\"iterations\":10,\"x\":"
                + "[".repeat(10_000)
                + "]".repeat(10_000)
                + "},\"createdAtEpochMs\":1");
    String megaKind =
        "{\"runId\":\"r1\",\"taskId\":1,\"kind\":\""
            + "k".repeat(1_000_000)
            + "\","
            + GOOD_PARAMS
            + "}";
    String megaControl =
        "{\"runId\":\"r1\",\"taskId\":1,\"kind\":\"\\n"
            + "\\u001b[2J".repeat(100_000)
            + "\","
            + GOOD_PARAMS
            + "}";
    return Stream.of(
        Arguments.of("10,000-deep array", utf8(deepArray)),
        Arguments.of("10,000-deep object", utf8(deepObject)),
        Arguments.of("10,000-deep array inside params", utf8(deepInParams)),
        Arguments.of("a 1 MB string as kind", utf8(megaKind)),
        Arguments.of("a kind full of control characters", utf8(megaControl)),
        Arguments.of(
            "a 1 MB string as iterations",
            utf8(
                task(
                    "\"params\":{\"iterations\":\""
                        + "9".repeat(1_000_000)
                        + "\"},\"createdAtEpochMs\":1"))),
        Arguments.of("a 1 MB unterminated string", utf8("{\"runId\":\"" + "r".repeat(1_000_000))),
        Arguments.of("a 1 MB bare token", utf8("x".repeat(1_000_000))),
        Arguments.of("NaN", utf8(task("\"params\":{\"iterations\":NaN},\"createdAtEpochMs\":1"))),
        Arguments.of("Infinity", utf8(task("\"params\":{\"iterations\":Infinity}"))),
        Arguments.of(
            "iterations above Long.MAX_VALUE",
            utf8(task("\"params\":{\"iterations\":9223372036854775808},\"createdAtEpochMs\":1"))),
        Arguments.of(
            "a 1,000-digit number",
            utf8(task("\"params\":{\"iterations\":" + "9".repeat(1_000) + "}"))),
        Arguments.of("a huge exponent", utf8(task("\"params\":{\"iterations\":1e999999999}"))),
        Arguments.of("a tiny exponent", utf8(task("\"params\":{\"iterations\":1e-999999999}"))),
        Arguments.of(
            "a float as taskId",
            utf8("{\"runId\":\"r1\",\"taskId\":1.5,\"kind\":\"cpu\"," + GOOD_PARAMS + "}")),
        Arguments.of(
            "taskId out of range",
            utf8("{\"runId\":\"r1\",\"taskId\":1e30,\"kind\":\"cpu\"," + GOOD_PARAMS + "}")),
        Arguments.of(
            "duplicate keys",
            utf8(
                "{\"runId\":\"r1\",\"taskId\":1,\"taskId\":2,\"kind\":\"cpu\","
                    + GOOD_PARAMS
                    + "}")),
        Arguments.of(
            "duplicate keys in params",
            utf8(task("\"params\":{\"iterations\":1,\"iterations\":2},\"createdAtEpochMs\":1"))),
        Arguments.of(
            "pixels as a number",
            utf8(
                "{\"runId\":\"r1\",\"taskId\":1,\"kind\":\"image\","
                    + "\"params\":{\"width\":1,\"height\":1,\"pixels\":5},\"createdAtEpochMs\":1}")),
        Arguments.of(
            "pixels as an object",
            utf8(
                "{\"runId\":\"r1\",\"taskId\":1,\"kind\":\"image\","
                    + "\"params\":{\"width\":1,\"height\":1,\"pixels\":{}},\"createdAtEpochMs\":1}")),
        Arguments.of(
            "pixels not base64",
            utf8(
                "{\"runId\":\"r1\",\"taskId\":1,\"kind\":\"image\","
                    + "\"params\":{\"width\":1,\"height\":1,\"pixels\":\"!!!\\u0000\"},\"createdAtEpochMs\":1}")),
        Arguments.of(
            "width out of int range",
            utf8(
                "{\"runId\":\"r1\",\"taskId\":1,\"kind\":\"image\","
                    + "\"params\":{\"width\":99999999999,\"height\":1,\"pixels\":\"AAAA\"}}")),
        Arguments.of("params as an array", utf8(task("\"params\":[1,2,3]"))),
        Arguments.of("params null", utf8(task("\"params\":null"))),
        Arguments.of("a top-level string", utf8("\"" + "s".repeat(100_000) + "\"")),
        Arguments.of("a top-level number", utf8("12345")),
        Arguments.of("null", utf8("null")),
        Arguments.of("trailing garbage", utf8(task(GOOD_PARAMS) + "garbage")),
        Arguments.of(
            "invalid UTF-8", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}),
        Arguments.of("a NUL byte", new byte[] {0}),
        Arguments.of("a UTF-16 byte order mark only", new byte[] {(byte) 0xFE, (byte) 0xFF}),
        Arguments.of("a 1 MB field name", utf8("{\"" + "n".repeat(1_000_000) + "\":1}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileJson")
  @Timeout(10)
  void hostileJsonIsInvalidWithAShortOneLineReason(String what, byte[] body) {
    assertOnlyInvalid(json, body);
    assertThatCode(() -> json.peekTaskRef(body)).doesNotThrowAnyException();
    assertThatCode(() -> json.decodeResult(body)).isInstanceOf(InvalidMessageException.class);
  }

  @Test
  @Timeout(60)
  void randomBytesAreInvalidForBothCodecs() {
    Random random = new Random(20261125L);
    for (int i = 0; i < 2_000; i++) {
      byte[] body = new byte[1 + random.nextInt(i < 1_990 ? 512 : 2 * 1024 * 1024)];
      random.nextBytes(body);
      for (Codec codec : new Codec[] {json, smile}) {
        assertOnlyInvalid(codec, body);
        assertThatCode(() -> codec.peekTaskRef(body)).doesNotThrowAnyException();
      }
    }
  }

  @Test
  @Timeout(60)
  void mutatedValidSmileIsInvalidOrATaskButNeverAnotherException() {
    byte[] valid =
        smile.encodeTask(
            new io.taskfleet.common.protocol.Task(
                "r1",
                7,
                "image",
                new io.taskfleet.common.kinds.ImageParams(2, 2, new byte[12]),
                1L));
    Random random = new Random(7L);
    for (int i = 0; i < 5_000; i++) {
      byte[] body = valid.clone();
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        body[random.nextInt(body.length)] = (byte) random.nextInt(256);
      }
      try {
        smile.decodeTask(body);
      } catch (InvalidMessageException e) {
        assertReasonIsShort(e);
      }
      assertThatCode(() -> smile.peekTaskRef(body)).doesNotThrowAnyException();
    }
  }

  @Test
  void aValidTaskWithA1MbUnknownFieldIsStillATask() {
    byte[] body = utf8(task(GOOD_PARAMS + ",\"note\":\"" + "z".repeat(1_000_000) + "\""));

    assertThat(json.decodeTask(body).taskId()).isEqualTo(1);
  }

  @Test
  void theReasonForAHugeKindIsCutAndSaysHowMuchWasLeftOut() {
    byte[] body =
        utf8(
            "{\"runId\":\"r1\",\"taskId\":1,\"kind\":\""
                + "k".repeat(1_000_000)
                + "\","
                + GOOD_PARAMS
                + "}");

    InvalidMessageException e = invalid(json, body);

    assertThat(e.getMessage()).contains("unknown task kind 'kkk").contains("more chars)");
    assertReasonIsShort(e);
  }

  @Test
  void duplicateKeysAreRefusedNotResolvedLastOneWins() {
    byte[] body =
        utf8("{\"runId\":\"r1\",\"taskId\":1,\"taskId\":2,\"kind\":\"cpu\"," + GOOD_PARAMS + "}");

    assertThat(invalid(json, body).getMessage()).containsIgnoringCase("duplicate");
  }

  @Test
  void contentTypesMatchWithoutParametersOrCase() {
    Map<String, Codec> codecs = Codecs.byContentType(1024);

    assertThat(Codecs.forContentType(codecs, "application/json; charset=utf-8").name())
        .isEqualTo("json");
    assertThat(Codecs.forContentType(codecs, "APPLICATION/JSON").name()).isEqualTo("json");
    assertThat(Codecs.forContentType(codecs, " Application/Json ;charset=\"UTF-8\"").name())
        .isEqualTo("json");
    assertThat(Codecs.forContentType(codecs, "application/x-jackson-smile; v=1").name())
        .isEqualTo("smile");
    assertThat(Codecs.forContentType(codecs, "").name()).isEqualTo("json");
    assertThat(Codecs.forContentType(codecs, "; charset=utf-8").name()).isEqualTo("json");
    assertThat(Codecs.forContentType(codecs, "text/plain")).isNull();
    assertThat(Codecs.forContentType(codecs, "application/jsonx")).isNull();
  }

  @Test
  void aValidTaskWithACharsetParameterDecodes() {
    Codec codec =
        Codecs.forContentType(Codecs.byContentType(1024), "application/json; charset=utf-8");

    assertThat(codec.decodeTask(utf8(task(GOOD_PARAMS))).params())
        .isEqualTo(new io.taskfleet.common.kinds.CpuParams(10));
  }

  private static InvalidMessageException invalid(Codec codec, byte[] body) {
    try {
      codec.decodeTask(body);
    } catch (InvalidMessageException e) {
      return e;
    }
    throw new AssertionError("decoded as a task: " + body.length + " bytes");
  }

  private static void assertOnlyInvalid(Codec codec, byte[] body) {
    long start = System.nanoTime();
    assertReasonIsShort(invalid(codec, body));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  private static void assertReasonIsShort(InvalidMessageException e) {
    assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(LIMIT);
    assertThat(e.getMessage().chars().noneMatch(Character::isISOControl))
        .as("no control characters in: %s", e.getMessage())
        .isTrue();
    assertThat(e.getCause() == null || !(e.getCause() instanceof InvalidMessageException)).isTrue();
  }
}
