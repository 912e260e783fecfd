package dev.pith.app.ui;

import dev.pith.app.cli.BackendLoader;
import dev.pith.inference.GenerationSettings;
import dev.pith.inference.SamplingSettings;
import dev.pith.inference.cpu.CpuBackendOptions;
import dev.pith.inference.power.PowerMeter;
import dev.pith.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Everything the window is built from (the composition root's output): the open database, how models load,
 * the model to open, the clock, and the outside world. Tests build one on a temporary folder.
 *
 * @param db the open database (the caller closes it after the window)
 * @param modelsDir where model folders live ({@code <data-dir>/models}), named in the empty state
 * @param model the model folder to load at start, if any
 * @param backends how a model folder becomes a running backend
 * @param cpu how the CPU backend is configured
 * @param generation the token limit and sampling of every answer
 * @param clock the time written on messages and used to group conversations
 * @param zone the user's time zone, for Today / Yesterday
 * @param environment the process environment (PATH, for espeak-ng)
 * @param power where watts come from
 */
public record AppContext(Database db, Path modelsDir, Optional<Path> model, BackendLoader backends,
    CpuBackendOptions cpu, GenerationSettings generation, Clock clock, ZoneId zone, Map<String, String> environment,
    PowerMeter power) {

  /**
   * The longest answer: room for a reasoning model to think and then answer. The model's context window
   * still bounds it.
   */
  public static final int MAX_ANSWER_TOKENS = 2048;

  public AppContext {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(modelsDir, "modelsDir");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(backends, "backends");
    Objects.requireNonNull(cpu, "cpu");
    Objects.requireNonNull(generation, "generation");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(zone, "zone");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(power, "power");
  }

  /**
   * Sampling as the Qwen2.5 model card recommends (temperature 0.7, top-p 0.8, top-k 20, repetition penalty
   * 1.05), with a new seed per start. The settings issue makes it the user's choice.
   */
  public static GenerationSettings defaultGeneration() {
    return new GenerationSettings(MAX_ANSWER_TOKENS,
        new SamplingSettings(0.7f, 20, 0.8f, 1.05f, ThreadLocalRandom.current().nextLong()), List.of());
  }
}
