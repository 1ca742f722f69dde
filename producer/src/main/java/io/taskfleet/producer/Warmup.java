package io.taskfleet.producer;

import io.taskfleet.common.ConfigException;
import io.taskfleet.common.cli.Checks;
import io.taskfleet.producer.report.Cost;
import io.taskfleet.producer.report.Decomposition;
import io.taskfleet.producer.report.RunReport;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code --warmup}: the rounds each mode runs before the counted ones, so that what is counted is
 * the JVMs' steady state. A fixed number is honoured exactly; {@code auto} runs at least {@link
 * Auto#MIN_ROUNDS} and goes on until the JVMs say they are warm: {@link Auto#QUIET_ROUNDS} rounds
 * in a row whose JIT compilers used under {@link Cost#WARM_JIT_SHARE} of the CPU of the JVMs that
 * took part (the producer, and the workers from their usage snapshots).
 */
sealed interface Warmup {

  /**
   * Whether to run another warm-up round after those that cost {@code done}, in order (an element
   * is null when its round said nothing of its cost).
   */
  boolean another(List<Cost> done);

  /**
   * The progress line after warm-up round {@code round} of {@code mode}, which was {@code last}.
   */
  String roundLine(String mode, int round, RunReport last);

  /** A line saying that counting starts before the JVMs are warm, if it does. */
  default Optional<String> unfinished(String mode, List<Cost> done) {
    return Optional.empty();
  }

  /** Exactly this many rounds. */
  record Fixed(int rounds) implements Warmup {
    public Fixed {
      if (rounds < 0) {
        throw new ConfigException("--warmup must be auto or >= 0, was " + rounds);
      }
    }

    @Override
    public boolean another(List<Cost> done) {
      return done.size() < rounds;
    }

    @Override
    public String roundLine(String mode, int round, RunReport last) {
      return String.format(
          "%s: warm-up round %d/%d took %.3f s (not counted)",
          mode, round, rounds, last.elapsedSeconds());
    }

    @Override
    public String toString() {
      return Integer.toString(rounds);
    }
  }

  /**
   * Until the compilers stay quiet, at least {@link #MIN_ROUNDS} and at most {@link #MAX_ROUNDS}
   * rounds. One quiet round is not enough: C2 compiles in bursts, and a mode whose code another
   * mode had warmed was quiet for one round and then compiled for a third of its CPU. Three quiet
   * rounds at the start are not enough either: the threads mode, after origin had compiled the
   * loop, was quiet for its first three rounds, and its fifth and sixth then took 0.38-0.41 s
   * instead of 0.24-0.27 s while C2 compiled the pool's code beside both compute threads.
   */
  record Auto() implements Warmup {

    /** Quiet rounds in a row that make the JVMs warm. */
    static final int QUIET_ROUNDS = 3;

    /** Rounds run whatever the compilers say. */
    static final int MIN_ROUNDS = 8;

    /** Rounds after which counting starts anyway, said so. */
    static final int MAX_ROUNDS = 50;

    @Override
    public boolean another(List<Cost> done) {
      return done.size() < MAX_ROUNDS && (done.size() < MIN_ROUNDS || !quiet(done));
    }

    @Override
    public String roundLine(String mode, int round, RunReport last) {
      Cost cost = last.cost();
      return String.format(
          "%s: warm-up round %d took %.3f s, the JIT %s of the JVMs' CPU (not counted)",
          mode,
          round,
          last.elapsedSeconds(),
          cost == null ? "unknown" : Decomposition.percent(cost.jitShare()));
    }

    @Override
    public Optional<String> unfinished(String mode, List<Cost> done) {
      return quiet(done)
          ? Optional.empty()
          : Optional.of(
              mode
                  + ": the JVMs still compile after "
                  + done.size()
                  + " warm-up rounds; counting from here");
    }

    /** Whether the last {@link #QUIET_ROUNDS} rounds were each warm (or said nothing). */
    static boolean quiet(List<Cost> done) {
      if (done.size() < QUIET_ROUNDS) {
        return false;
      }
      for (Cost cost : done.subList(done.size() - QUIET_ROUNDS, done.size())) {
        if (Cost.compiling(cost)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return "auto";
    }
  }

  /** {@code auto} or a number of rounds. */
  static Warmup parse(String text) {
    OptionalInt rounds = Checks.autoOrNumber("--warmup", "a number of rounds", text);
    return rounds.isEmpty() ? new Auto() : new Fixed(rounds.getAsInt());
  }
}
