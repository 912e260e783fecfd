package dev.pith.app.cli;

import ch.qos.logback.classic.Level;
import dev.pith.inference.GenerationException;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.models.ModelException;
import dev.pith.storage.StorageException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs the {@code pith} command line. Every failure ends as one line on stderr and an exit code: 2 for a
 * usage error (or a {@link CliException} that says so), 1 for anything else. A stack trace follows only with {@code --debug}.
 */
public final class Cli {
  private Cli() {}

  /** Runs {@code args} and returns the process exit code. Never throws. */
  public static int run(CliContext context, PrintWriter out, PrintWriter err, String... args) {
    return commandLine(context, out, err).execute(args);
  }

  static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err) {
    PithCommand root = new PithCommand(context);
    CommandLine cli = new CommandLine(root);
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionStrategy(parseResult -> execute(root, parseResult));
    cli.setParameterExceptionHandler(Cli::usageError);
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> runtimeError(root, ex, commandLine));
    return cli;
  }

  /** Runs the parsed command; with {@code --debug} the root logger is at DEBUG while it runs. */
  private static int execute(PithCommand root, ParseResult parseResult) {
    Logger rootLogger = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    if (!root.debug() || !(rootLogger instanceof ch.qos.logback.classic.Logger)) {
      return new CommandLine.RunLast().execute(parseResult);
    }
    ch.qos.logback.classic.Logger logback = (ch.qos.logback.classic.Logger) rootLogger;
    Level previous = logback.getLevel();
    logback.setLevel(Level.DEBUG);
    try {
      return new CommandLine.RunLast().execute(parseResult);
    } finally {
      logback.setLevel(previous); // matters only in-process (tests); a pith process ends here
    }
  }

  private static int usageError(ParameterException ex, String[] args) {
    CommandLine failed = ex.getCommandLine();
    String name = failed.getCommandSpec().qualifiedName();
    failed.getErr().println(name + ": " + oneLine(ex.getMessage()) + " (see '" + name + " --help')");
    failed.getErr().flush();
    return ExitCode.USAGE;
  }

  private static int runtimeError(PithCommand root, Exception ex, CommandLine failed) {
    PrintWriter err = failed.getErr();
    err.println("pith: " + describe(ex));
    if (root.debug()) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ex instanceof CliException cli ? cli.exitCode() : ExitCode.SOFTWARE;
  }

  /** Errors Pith expects carry a message meant for the user; anything else is a bug and says so. */
  private static String describe(Throwable ex) {
    if (ex instanceof ExecutionException && ex.getCause() != null) {
      return describe(ex.getCause()); // picocli's wrapper around an Error thrown by a command
    }
    if (ex instanceof CliException || ex instanceof ModelLoadException || ex instanceof GenerationException
        || ex instanceof StorageException || ex instanceof ModelException) {
      return oneLine(ex.getMessage());
    }
    return "internal error: " + ex.getClass().getSimpleName() + ": " + oneLine(String.valueOf(ex.getMessage()))
        + " (run with --debug for the stack trace)";
  }

  /** Folds a multi-line message into one line. */
  static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
