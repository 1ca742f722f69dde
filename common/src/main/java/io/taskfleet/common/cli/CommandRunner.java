package io.taskfleet.common.cli;

import io.taskfleet.common.FleetException;
import io.taskfleet.common.broker.BrokerUrl;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs a picocli command the same way for every program: options from flags, then the environment,
 * then defaults; a user mistake or a failure becomes one line on stderr and an exit code, never a
 * stack trace.
 *
 * <p>Exit codes: 0 done, 1 the run failed (timeout, failed tasks), 2 bad usage or configuration, 3
 * broker unavailable, 130 interrupted.
 */
public final class CommandRunner {

  private CommandRunner() {}

  public static int run(Object command, String envPrefix, Map<String, String> env, String... args) {
    return run(command, envPrefix, env, System.out, System.err, args);
  }

  /**
   * As {@link #run(Object, String, Map, String...)}, writing help and errors to the given streams.
   */
  public static int run(
      Object command,
      String envPrefix,
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      String... args) {
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setDefaultValueProvider(new EnvironmentDefaults(envPrefix, env));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(CommandRunner::onBadUsage);
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> onFailure(ex, commandLine));
    return cli.execute(args);
  }

  private static int onBadUsage(CommandLine.ParameterException ex, String[] args) {
    CommandLine cli = ex.getCommandLine();
    PrintWriter err = cli.getErr();
    // picocli echoes what it could not match, which may be a URL with its password.
    err.println(cli.getCommandName() + ": " + BrokerUrl.redactAll(ex.getMessage()));
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cli.getCommandName() + " --help' for the options.");
    return 2;
  }

  private static int onFailure(Exception ex, CommandLine cli) {
    PrintWriter err = cli.getErr();
    if (ex instanceof FleetException fleet) {
      err.println(cli.getCommandName() + ": " + BrokerUrl.redactAll(fleet.getMessage()));
      return fleet.exitCode();
    }
    if (ex instanceof InterruptedException) {
      err.println(cli.getCommandName() + ": interrupted");
      return 130;
    }
    // A bug, not a user mistake: keep the trace, it is what a bug report needs.
    err.println(cli.getCommandName() + ": unexpected error: " + BrokerUrl.redactAll(ex.toString()));
    ex.printStackTrace(err);
    return 1;
  }
}
