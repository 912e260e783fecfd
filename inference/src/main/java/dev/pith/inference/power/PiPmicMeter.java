package dev.pith.inference.power;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Raspberry Pi 5's power management IC, read through {@code vcgencmd pmic_read_adc}: one line per reading,
 * e.g. {@code VDD_CORE_A current(7)=0.75123400A} and {@code VDD_CORE_V volt(15)=0.86200000V}. The power is the sum
 * of V×A over the rails that have both; a rail with only a voltage ({@code EXT5V_V}, {@code BATT_V}) says nothing
 * about power and is left out. The rails feed the board itself, so USB devices, the fan and the AI HAT+ 2 are not
 * included ({@link #scope()}).
 *
 * <p>Each {@link #watts()} runs the command (~20–25 ms on a Pi 5) with a time limit: a command that hangs is killed
 * and the reading is empty, so a sampler never stalls on it.
 */
public final class PiPmicMeter implements PowerMeter {
  public static final String SOURCE = "Pi 5 PMIC";
  public static final String SCOPE = "Pi 5 board rails (excludes USB, fan and the AI HAT+ 2)";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  /** {@code RAIL_A current(n)=0.123A} or {@code RAIL_V volt(n)=0.8V}: rail name, A or V, value. */
  private static final Pattern READING =
      Pattern.compile("^\\s*(\\S+)_([AV])\\s+(?:current|volt)\\(\\d+\\)=([0-9]+(?:\\.[0-9]+)?)([AV])\\s*$");

  private final String command;
  private final Duration timeout;
  private volatile Optional<String> reason = Optional.empty();

  /**
   * @param command the vcgencmd binary (a path, or a name found on PATH)
   * @param timeout how long one read may take before the command is killed
   */
  public PiPmicMeter(String command, Duration timeout) {
    this.command = Objects.requireNonNull(command, "command");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public String scope() {
    return SCOPE;
  }

  @Override
  public OptionalDouble watts() {
    try {
      OptionalDouble watts = parse(run());
      reason = watts.isPresent() ? Optional.empty()
          : Optional.of(command + " pmic_read_adc printed no rail with both a current and a voltage");
      return watts;
    } catch (IOException e) {
      reason = Optional.of(e.getMessage());
      return OptionalDouble.empty();
    }
  }

  @Override
  public Optional<String> unavailableReason() {
    return reason;
  }

  /**
   * The sum of V×A over the rails of {@code output} that have both a current and a voltage line; empty when none
   * has. Lines that are not readings are skipped.
   */
  static OptionalDouble parse(String output) {
    Map<String, Double> amps = new HashMap<>();
    Map<String, Double> volts = new HashMap<>();
    for (String line : output.split("\n")) {
      Matcher m = READING.matcher(line);
      if (m.matches() && m.group(2).equals(m.group(4))) {
        (m.group(2).equals("A") ? amps : volts).put(m.group(1), Double.parseDouble(m.group(3)));
      }
    }
    double sum = 0;
    boolean any = false;
    for (Map.Entry<String, Double> rail : amps.entrySet()) {
      Double v = volts.get(rail.getKey());
      if (v != null) {
        sum += v * rail.getValue();
        any = true;
      }
    }
    return any ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }

  /**
   * Runs {@code vcgencmd pmic_read_adc} and returns what it printed. The output (~1 KB) fits the pipe, so it is read
   * after the command ends; a command that prints far more would be killed at the time limit.
   *
   * @throws IOException with one line for people when it cannot start, times out or fails
   */
  private String run() throws IOException {
    Process process;
    try {
      process = new ProcessBuilder(List.of(command, "pmic_read_adc"))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new IOException("cannot run " + command + ": " + e.getMessage(), e);
    }
    try (InputStream out = process.getInputStream()) {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw new IOException(command + " pmic_read_adc gave no answer within " + timeout.toMillis() + " ms");
      }
      String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IOException(command + " pmic_read_adc failed (exit " + process.exitValue() + ")");
      }
      return text;
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new IOException(command + " pmic_read_adc was interrupted", e);
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
