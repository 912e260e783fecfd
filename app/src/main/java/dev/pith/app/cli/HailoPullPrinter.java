package dev.pith.app.cli;

import dev.pith.inference.hailo.HailoPullListener;
import dev.pith.inference.hailo.HailoPullProgress;
import dev.pith.inference.models.ByteSize;
import java.io.PrintWriter;

/**
 * Shows a pull on hailo-ollama on stderr (stdout carries the answer): a line when the server's status changes, and
 * one per tenth of each layer downloaded, so that a log or a pipe gets a few dozen lines, not thousands.
 */
final class HailoPullPrinter implements HailoPullListener {
  private final PrintWriter err;
  private String status = "";
  private String digest = "";
  private int tenth = -1;

  HailoPullPrinter(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void progress(HailoPullProgress p) {
    int nowTenth = p.fraction() >= 0 ? (int) Math.floor(p.fraction() * 10) : -1;
    if (p.status().equals(status) && p.digest().equals(digest) && nowTenth == tenth) {
      return;
    }
    status = p.status();
    digest = p.digest();
    tenth = nowTenth;
    String line = "hailo-ollama is pulling " + p.model() + ": " + p.status();
    if (nowTenth >= 0) {
      line += " " + (int) Math.floor(p.fraction() * 100) + "% of " + ByteSize.format(p.total());
    }
    err.println(line);
    err.flush();
  }
}
