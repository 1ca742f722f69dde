package io.taskfleet.common.testing;

/** Test clean-up that must run to the end: every resource gets its close, whatever fails. */
public final class CleanUp {

  private CleanUp() {}

  /** Closes each non-null resource in the order given, reporting failures on stderr. */
  public static void closeAll(AutoCloseable... resources) {
    for (AutoCloseable resource : resources) {
      try {
        if (resource != null) {
          resource.close();
        }
      } catch (Exception e) {
        System.err.println("clean-up: " + e);
      }
    }
  }
}
