package io.taskfleet.producer.report;

import io.taskfleet.common.text.Numbers;
import java.util.ArrayList;
import java.util.List;

/**
 * The task size from which the fleet is at least as fast as another mode, and stays so for every
 * larger size swept. JSON: an element of the {@code breakEven} array.
 *
 * @param fleet the fleet row compared: {@code fleet} (the chunk size given, auto by default) or
 *     {@link Comparison#FLEET_CHUNK_1} (one task per message, swept beside auto)
 * @param against the mode compared with: origin or threads
 * @param lastLosingIterations the largest size where the fleet was slower (null: never slower)
 * @param firstWinningIterations the smallest size from which the fleet is never slower (null: it
 *     never caught up within the sweep)
 * @param estimatedIterations where the two curves cross, interpolated linearly between those two
 *     sizes on the fleet/other time ratio; null when either size is null
 */
public record BreakEven(
    String fleet,
    String against,
    Long lastLosingIterations,
    Long firstWinningIterations,
    Double estimatedIterations) {

  /** Finds the fleet's break-even with {@code against} in points sorted by iterations. */
  public static BreakEven find(String against, List<SweepPoint> points) {
    return find("fleet", against, points);
  }

  /** Finds the break-even of fleet row {@code fleet} with {@code against}. */
  public static BreakEven find(String fleet, String against, List<SweepPoint> points) {
    List<SweepPoint> measured = new ArrayList<>();
    for (SweepPoint p : points) {
      if (p.elapsed(fleet) > 0 && p.elapsed(against) > 0) {
        measured.add(p);
      }
    }
    int firstWinning = measured.size();
    while (firstWinning > 0 && ratio(measured.get(firstWinning - 1), fleet, against) <= 1) {
      firstWinning--;
    }
    Long losing = firstWinning == 0 ? null : measured.get(firstWinning - 1).iterations();
    Long winning = firstWinning == measured.size() ? null : measured.get(firstWinning).iterations();
    Double estimate = null;
    if (losing != null && winning != null) {
      double r0 = ratio(measured.get(firstWinning - 1), fleet, against);
      double r1 = ratio(measured.get(firstWinning), fleet, against);
      double t = r0 == r1 ? 1 : (r0 - 1) / (r0 - r1);
      estimate = Numbers.round(losing + t * (winning - losing), 0);
    }
    return new BreakEven(fleet, against, losing, winning, estimate);
  }

  private static double ratio(SweepPoint p, String fleet, String against) {
    return p.elapsed(fleet) / p.elapsed(against);
  }

  /** The fleet row's name for people: {@code The fleet}, {@code The fleet at chunk 1}. */
  public static String subject(String fleet) {
    return Comparison.FLEET_CHUNK_1.equals(fleet) ? "The fleet at chunk 1" : "The fleet";
  }

  /** One sentence for the text report. */
  public String sentence() {
    if (lastLosingIterations == null && firstWinningIterations != null) {
      return subject(fleet) + " is at least as fast as " + against + " at every size swept.";
    }
    if (firstWinningIterations == null) {
      return subject(fleet)
          + " never catches up with "
          + against
          + " within the sweep (up to "
          + Numbers.grouped(lastLosingIterations == null ? 0 : lastLosingIterations)
          + " iterations).";
    }
    return subject(fleet)
        + " breaks even with "
        + against
        + " between "
        + Numbers.grouped(lastLosingIterations)
        + " and "
        + Numbers.grouped(firstWinningIterations)
        + " iterations per task (about "
        + Numbers.grouped(Math.round(estimatedIterations))
        + " by linear interpolation).";
  }
}
