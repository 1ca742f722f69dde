package io.taskfleet.examples.sha256;

import io.taskfleet.api.InvalidTaskException;
import io.taskfleet.api.Limits;
import io.taskfleet.api.TaskContext;
import io.taskfleet.api.TaskKind;
import io.taskfleet.api.TaskValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * {@code sha256}: hashes {@code bytes} pseudo-random bytes, then the digest {@code rounds - 1} more
 * times. The value is the first 8 bytes of the last digest, the digest is all of it in hex. The
 * bytes are drawn from the seed, so the producer knows the value before the run.
 */
public final class Sha256Kind implements TaskKind<Sha256Params> {

  /** The most bytes a task may ask for. */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  /** A worker's limit on rounds: {@code --limit max-sha256-rounds=N}. */
  public static final String MAX_ROUNDS = "max-sha256-rounds";

  public static final long DEFAULT_MAX_ROUNDS = 10_000_000;

  @Override
  public String name() {
    return "sha256";
  }

  @Override
  public Class<Sha256Params> paramsType() {
    return Sha256Params.class;
  }

  @Override
  public void validate(Sha256Params p, Limits limits) {
    if (p.bytes() < 0 || p.bytes() > MAX_BYTES) {
      throw new InvalidTaskException("params.bytes must be 0.." + MAX_BYTES + ", was " + p.bytes());
    }
    if (p.rounds() < 1) {
      throw new InvalidTaskException("params.rounds must be >= 1, was " + p.rounds());
    }
    limits.check("params.rounds", p.rounds(), MAX_ROUNDS, DEFAULT_MAX_ROUNDS);
  }

  @Override
  public TaskValue compute(Sha256Params p, TaskContext context) {
    byte[] digest = hash(p);
    return new TaskValue(firstLong(digest), HexFormat.of().formatHex(digest));
  }

  @Override
  public OptionalLong expectedValue(Sha256Params p) {
    return OptionalLong.of(firstLong(hash(p)));
  }

  @Override
  public Map<String, Long> defaultLimits() {
    return Map.of(MAX_ROUNDS, DEFAULT_MAX_ROUNDS);
  }

  @Override
  public String describe(Sha256Params p) {
    return "sha256, " + p.rounds() + " round(s) over " + p.bytes() + " bytes";
  }

  static byte[] hash(Sha256Params p) {
    byte[] data = new byte[p.bytes()];
    SplittableRandom random = new SplittableRandom(p.seed());
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) random.nextInt(256);
    }
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha256.digest(data);
      for (int r = 1; r < p.rounds(); r++) {
        digest = sha256.digest(digest);
      }
      return digest;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static long firstLong(byte[] digest) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (digest[i] & 0xFF);
    }
    return value;
  }
}
