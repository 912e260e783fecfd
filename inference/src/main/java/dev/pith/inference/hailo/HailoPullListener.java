package dev.pith.inference.hailo;

/**
 * Hears how a pull on hailo-ollama goes: one call per progress line, on the thread that runs the pull (never a UI
 * thread; a window hands what it shows to its own thread). It must return quickly.
 */
@FunctionalInterface
public interface HailoPullListener {
  /** Does nothing. */
  HailoPullListener NONE = progress -> { };

  void progress(HailoPullProgress progress);
}
