package io.taskfleet.common.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets every option be set from the environment: {@code --threads} of the worker is read from
 * {@code WORKER_THREADS}, {@code --tasks} of the producer from {@code PRODUCER_TASKS}. Options
 * shared by both programs ({@code --amqp-url}, {@code --queue}, ...) have no prefix. Flags win over
 * the environment, which wins over the defaults in the code.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {

  /** Options whose variable has no program prefix, because both programs read them. */
  public static final Set<String> SHARED =
      Set.of(
          "amqp-url",
          "amqp-url-file",
          "queue",
          "queue-type",
          "delivery-limit",
          "connect-retry",
          "codec");

  private final String prefix;
  private final Map<String, String> env;

  /**
   * @param prefix the program's prefix, such as {@code WORKER}
   * @param env the environment to read, {@code System.getenv()} in production
   */
  public EnvironmentDefaults(String prefix, Map<String, String> env) {
    this.prefix = prefix;
    this.env = env;
  }

  /**
   * The environment variable that sets an option, e.g. {@code --await-workers} → {@code
   * PRODUCER_AWAIT_WORKERS}.
   */
  public static String variableFor(String prefix, String longOption) {
    String bare = longOption.replaceFirst("^--", "");
    String name = bare.toUpperCase(Locale.ROOT).replace('-', '_');
    if (SHARED.contains(bare) && !bare.equals("queue")) {
      return name;
    }
    if (bare.equals("queue")) {
      return "TASK_QUEUE";
    }
    return prefix + "_" + name;
  }

  /** Every environment variable a command reads: one per option, help and version aside. */
  public static Set<String> variablesOf(String prefix, CommandSpec command) {
    Set<String> variables = new TreeSet<>();
    for (OptionSpec option : command.options()) {
      if (!option.usageHelp() && !option.versionHelp()) {
        variables.add(variableFor(prefix, option.longestName()));
      }
    }
    return variables;
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String value = env.get(variableFor(prefix, option.longestName()));
    return value == null || value.isBlank() ? null : value;
  }
}
