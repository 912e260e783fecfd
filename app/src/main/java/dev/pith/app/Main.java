package dev.pith.app;

import dev.pith.app.cli.Cli;
import dev.pith.app.cli.CliContext;
import dev.pith.app.cli.Terminal;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * The jar's entry point. With no arguments it opens the window; with arguments it runs the {@code pith}
 * command line. It does not extend {@code javafx.application.Application}, so {@code java -jar} works with
 * JavaFX on the class path, and a headless run never touches JavaFX.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      System.exit(GuiLauncher.launch(null, Optional.empty(), false));
    }
    Charset charset = Terminal.charset();
    CliContext context = CliContext.system().withWindow(GuiLauncher::launch);
    int exitCode = Cli.run(context, writer(System.out, charset), writer(System.err, charset), args);
    System.exit(exitCode);
  }

  private static PrintWriter writer(PrintStream stream, Charset charset) {
    return new PrintWriter(stream, true, charset);
  }
}
