package dev.pith.app;

import dev.pith.app.cli.Cli;
import dev.pith.app.cli.CliContext;
import java.io.Console;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The jar's entry point. With no arguments it opens the window; with arguments it runs the {@code pith}
 * command line. It does not extend {@code javafx.application.Application}, so {@code java -jar} works with
 * JavaFX on the class path, and a headless run never touches JavaFX.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      System.exit(GuiLauncher.launch(args));
    }
    Charset charset = terminalCharset();
    int exitCode = Cli.run(CliContext.system(), writer(System.out, charset), writer(System.err, charset), args);
    System.exit(exitCode);
  }

  /** The terminal's charset when there is one; UTF-8 when output goes to a pipe or a file. */
  private static Charset terminalCharset() {
    Console console = System.console();
    return console != null ? console.charset() : StandardCharsets.UTF_8;
  }

  private static PrintWriter writer(PrintStream stream, Charset charset) {
    return new PrintWriter(stream, true, charset);
  }
}
