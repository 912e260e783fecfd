package dev.pith.app.cli;

import dev.pith.inference.CancellationToken;
import dev.pith.inference.ChatBackend;
import dev.pith.inference.ChatMessage;
import dev.pith.inference.GenerationException;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.ModelInfo;
import dev.pith.inference.Prompt;
import dev.pith.inference.StopReason;
import dev.pith.inference.TokenSink;
import dev.pith.inference.cpu.CpuBackendOptions;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A backend that streams scripted tokens and returns scripted stats, and remembers what it was asked. */
final class FakeBackend implements ChatBackend {
  /** One scripted token. */
  record Token(int id, String text) {}

  private final List<Token> script;
  private final GenerationStats stats;
  private final ModelInfo model = new ModelInfo("fake", "genai", 512, 151_936, false);
  final List<GenerationRequest> requests = new ArrayList<>();
  private final Deque<GenerationException> failures = new ArrayDeque<>();
  private long pauseMillis;
  Path loadedDir;
  CpuBackendOptions loadedOptions;
  boolean closed;

  FakeBackend(List<Token> script, GenerationStats stats) {
    this.script = List.copyOf(script);
    this.stats = stats;
  }

  static GenerationStats stats(int promptTokens, int generatedTokens, double decodeTps, StopReason reason) {
    return new GenerationStats(promptTokens, 0, generatedTokens, 12.5, 800.0, decodeTps, reason, "cpu", 0, 100.0);
  }

  FakeBackend loadedFrom(Path dir, CpuBackendOptions options) {
    loadedDir = dir;
    loadedOptions = options;
    return this;
  }

  /** The next {@link #generate} throws {@code e} instead of answering (once per call of this method). */
  FakeBackend failNextWith(GenerationException e) {
    failures.add(e);
    return this;
  }

  /** Waits {@code millis} before each token, as a model takes time per token. */
  FakeBackend pacedBy(long millis) {
    pauseMillis = millis;
    return this;
  }

  /** The chat messages of the last request. */
  List<ChatMessage> lastMessages() {
    return ((Prompt.Chat) lastRequest().prompt()).messages();
  }

  GenerationRequest lastRequest() {
    return requests.get(requests.size() - 1);
  }

  @Override
  public String id() {
    return "cpu";
  }

  @Override
  public ModelInfo model() {
    return model;
  }

  @Override
  public GenerationStats generate(GenerationRequest request, TokenSink sink, CancellationToken cancel)
      throws GenerationException {
    requests.add(request);
    GenerationException failure = failures.poll();
    if (failure != null) {
      throw failure;
    }
    for (Token token : script) {
      pause();
      sink.onToken(token.id(), token.text());
    }
    return stats;
  }

  private void pause() {
    if (pauseMillis > 0) {
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
