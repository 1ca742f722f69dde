package io.taskfleet.common.text;

/**
 * Text from a message or from the broker made safe for a header, a log line, a report or an error:
 * at most a given length, with a marker saying how much was cut, and no control characters (a
 * newline in a task's field must not forge a log line, nor a terminal escape repaint a screen).
 */
public final class Bounded {

  /** The usual bound for a reason or an error shown to people: a line or two. */
  public static final int DEFAULT_MAX_CHARS = 200;

  private Bounded() {}

  /** {@link #text(String, int)} with {@link #DEFAULT_MAX_CHARS}. */
  public static String text(String text) {
    return text(text, DEFAULT_MAX_CHARS);
  }

  /**
   * The text with every control character (C0, DEL, C1, and the line and paragraph separators)
   * replaced by a space, cut to {@code maxChars} characters followed by {@code "... (N more
   * chars)"} when longer; {@code "null"} for null. The result is at most {@code maxChars} plus the
   * marker (under 40 characters) long, and never splits a surrogate pair.
   */
  public static String text(String text, int maxChars) {
    if (maxChars < 0) {
      throw new IllegalArgumentException("maxChars must be >= 0, was " + maxChars);
    }
    if (text == null) {
      return "null";
    }
    if (text.length() <= maxChars && clean(text)) {
      return text;
    }
    int keep = Math.min(text.length(), maxChars);
    if (keep < text.length()
        && keep > 0
        && Character.isHighSurrogate(text.charAt(keep - 1))
        && Character.isLowSurrogate(text.charAt(keep))) {
      keep--;
    }
    StringBuilder out = new StringBuilder(keep + 32);
    for (int i = 0; i < keep; i++) {
      char c = text.charAt(i);
      out.append(isControl(c) ? ' ' : c);
    }
    if (keep < text.length()) {
      out.append("... (").append(Numbers.grouped(text.length() - keep)).append(" more chars)");
    }
    return out.toString();
  }

  private static boolean clean(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isControl(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }
}
