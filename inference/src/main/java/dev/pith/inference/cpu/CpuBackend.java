package dev.pith.inference.cpu;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.pith.inference.CancellationToken;
import dev.pith.inference.ChatBackend;
import dev.pith.inference.GenerationException;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.GenerationSettings;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.ModelInfo;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.OneLine;
import dev.pith.inference.Prompt;
import dev.pith.inference.StopReason;
import dev.pith.inference.TokenSink;
import dev.pith.inference.genai.Generator;
import dev.pith.inference.onnx.ModelFolder;
import dev.pith.inference.onnx.OnnxDecoder;
import dev.pith.inference.onnx.optimize.OptimizedModels;
import dev.pith.inference.tokenizer.ChatTemplate;
import dev.pith.inference.tokenizer.StopStringFilter;
import dev.pith.inference.tokenizer.Tokenizer;
import dev.pith.inference.tokenizer.TokenizerStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code cpu} backend: ONNX Runtime on the CPU, with Pith's own generation loop. The model's KV cache
 * outlives an answer: the next request reads only the tokens its prompt does not share with what the cache
 * holds (see {@link OnnxDecoder#reuse}), so a conversation's history is read once.
 */
public final class CpuBackend implements ChatBackend {
  public static final String ID = "cpu";
  private static final Logger LOG = LoggerFactory.getLogger(CpuBackend.class);

  private final OnnxDecoder decoder;
  private final Tokenizer tokenizer;
  private final ChatTemplate template;
  private final Set<Integer> eosIds;
  private final ModelInfo info;
  private final Object lock = new Object();
  private boolean closed;

  private CpuBackend(OnnxDecoder decoder, Tokenizer tokenizer, ChatTemplate template, Set<Integer> eosIds) {
    this.decoder = decoder;
    this.tokenizer = tokenizer;
    this.template = template;
    this.eosIds = Set.copyOf(eosIds);
    ModelFolder folder = decoder.folder();
    this.info = new ModelInfo(folder.dir().getFileName().toString(), folder.layout().id(),
        decoder.contextLength(), decoder.signature().vocabSize(), template.opensThinking());
  }

  /**
   * Loads a model folder (onnxruntime-genai or Optimum layout): configs, the ONNX session (from Pith's
   * optimized copy of the graph unless {@code options} say otherwise) and its warm-up, then tokenizer and
   * chat template. The session goes first: its load is the process's memory peak (weights mapped and
   * repacked at once), and everything loaded before it would add to that peak.
   *
   * @throws ModelLoadException with a one-line message naming the file and the problem
   */
  public static CpuBackend load(Path modelDir, CpuBackendOptions options) throws ModelLoadException {
    ModelFolder folder = ModelFolder.read(modelDir);
    Path graph = options.rewrites().isEmpty()
        ? folder.onnxFile() : new OptimizedModels(options.rewrites()).prepare(folder.onnxFile());
    OnnxDecoder decoder = OnnxDecoder.open(folder, graph, options.effectiveThreads(), options.prefillChunk(),
        options.contextLimit());
    Tokenizer tokenizer = null;
    try {
      if (options.warmUp()) {
        warmUp(decoder);
      }
      tokenizer = Tokenizer.load(modelDir);
      ChatTemplate template = ChatTemplate.load(modelDir);
      Set<Integer> eos = new LinkedHashSet<>(folder.eosIds());
      // The template's end-of-turn token ends an answer even when the configs forget to list it.
      if (!template.eosToken().isEmpty()) {
        tokenizer.tokenId(template.eosToken()).ifPresent(eos::add);
      }
      if (eos.isEmpty()) {
        throw new ModelLoadException(modelDir + ": no end-of-sequence token id in the configs");
      }
      LOG.info("model {}: EOS ids {}, template {}", modelDir, eos, template.isFallback() ? "ChatML (fallback)" : "own");
      return new CpuBackend(decoder, tokenizer, template, eos);
    } catch (ModelLoadException | RuntimeException e) {
      if (tokenizer != null) {
        tokenizer.close();
      }
      decoder.close();
      throw e;
    }
  }

  private static void warmUp(OnnxDecoder decoder) throws ModelLoadException {
    try {
      LOG.info("warm-up run: {} ms", Math.round(decoder.warmUp()));
    } catch (OrtException e) {
      throw new ModelLoadException(decoder.folder().onnxFile() + " fails on its first run: "
          + OneLine.of(e.getMessage()), e);
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ModelInfo model() {
    return info;
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  public ChatTemplate chatTemplate() {
    return template;
  }

  @Override
  public GenerationStats generate(GenerationRequest request, TokenSink sink, CancellationToken cancel)
      throws GenerationException {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the backend has been closed");
      }
      long start = System.nanoTime();
      PromptFit fit = fit(request);
      try (Abortable abortable = new Abortable();
           CancellationToken.Registration hook = cancel.onCancel(abortable::terminate)) {
        return new Run(request.settings(), fit, sink, cancel, abortable.options, start).execute();
      } catch (OrtException e) {
        if (cancel.isCancelled()) {
          return cancelledDuringPrefill(fit, start);
        }
        throw new GenerationException("ONNX Runtime failed: " + OneLine.of(e.getMessage()), e);
      }
    }
  }

  /** The prompt's ids, fitted to the context window and checked against the model's vocabulary. */
  private PromptFit fit(GenerationRequest request) throws GenerationException {
    int context = info.contextLength();
    int maxTokens = request.settings().maxTokens();
    Prompt prompt = request.prompt();
    PromptFit fit;
    if (prompt instanceof Prompt.Chat chat) {
      fit = PromptFit.fit(chat.messages(), template, tokenizer, context, maxTokens);
    } else if (prompt instanceof Prompt.Text text) {
      fit = PromptFit.ofIds(tokenizer.encodeWithSpecialTokens(text.text()), context, maxTokens);
    } else {
      fit = PromptFit.ofIds(((Prompt.Ids) prompt).ids(), context, maxTokens);
    }
    for (int id : fit.ids()) {
      if (id < 0 || id >= info.vocabSize()) {
        // A tokenizer larger than the model's logits, or ids given by hand.
        throw new GenerationException("token id " + id + " is outside the model's vocabulary (0.."
            + (info.vocabSize() - 1) + ")");
      }
    }
    return fit;
  }

  private GenerationStats cancelledDuringPrefill(PromptFit fit, long start) {
    double ms = (System.nanoTime() - start) / 1e6;
    return new GenerationStats(fit.ids().length, 0, 0, Double.NaN, Double.NaN, Double.NaN, StopReason.CANCELLED,
        ID, fit.droppedMessages(), ms);
  }

  /**
   * The run options of one generation, which a cancel on another thread may terminate until they are closed
   * and never after: a cancel that races the end of the answer (its hook already taken from the token when
   * the registration closes) finds them closed and does nothing.
   */
  private static final class Abortable implements AutoCloseable {
    final OrtSession.RunOptions options;
    private boolean closed;

    Abortable() throws OrtException {
      options = new OrtSession.RunOptions();
    }

    synchronized void terminate() {
      if (closed) {
        return;
      }
      try {
        options.setTerminate(true);
      } catch (OrtException e) {
        LOG.warn("could not abort the running model step", e);
      }
    }

    @Override
    public synchronized void close() {
      closed = true;
      options.close();
    }
  }

  /** One generation: the loop from prompt to stop reason. */
  private final class Run {
    private final GenerationSettings settings;
    private final PromptFit fit;
    private final TokenSink sink;
    private final CancellationToken cancel;
    private final OrtSession.RunOptions runOptions;
    private final long start;
    private final TokenizerStream text = tokenizer.stream();
    private final StopStringFilter stops;
    private long prefillStart;
    private long prefillEnd;
    private long firstToken;
    private long lastToken;
    private int generated;
    private int cachedTokens;

    Run(GenerationSettings settings, PromptFit fit, TokenSink sink, CancellationToken cancel,
        OrtSession.RunOptions runOptions, long start) {
      this.settings = settings;
      this.fit = fit;
      this.sink = sink;
      this.cancel = cancel;
      this.runOptions = runOptions;
      this.start = start;
      this.stops = new StopStringFilter(settings.stopStrings());
    }

    /**
     * Feeds the prompt, then generates until a stop reason. A cancel flips the run options' terminate
     * flag, which aborts the model step in progress: that step's failure ends the answer as
     * {@link StopReason#CANCELLED} with everything streamed so far counted.
     */
    GenerationStats execute() throws OrtException {
      int[] prompt = fit.ids();
      Generator generator = new Generator(decoder, prompt.length + fit.maxNewTokens(), settings.sampling(),
          eosIds, runOptions);
      prefillStart = System.nanoTime();
      cachedTokens = decoder.reuse(prompt);
      generator.appendPrompt(prompt, cachedTokens);
      prefillEnd = System.nanoTime();
      StopReason reason = null;
      while (reason == null) {
        int token;
        try {
          token = cancel.isCancelled() ? -1 : generator.generateNextToken();
        } catch (OrtException e) {
          if (!cancel.isCancelled()) {
            throw e;
          }
          token = -1;
        }
        if (token < 0) {
          reason = StopReason.CANCELLED;
          String rest = stops.accept(text.flush()) + stops.flush();
          if (!rest.isEmpty()) {
            sink.onToken(TokenSink.NO_TOKEN, rest);
          }
          break;
        }
        reason = emit(generator, token);
      }
      return stats(prompt.length, reason, generator);
    }

    /** Streams one token's text; returns the stop reason when this token ends the answer, else null. */
    private StopReason emit(Generator generator, int token) {
      lastToken = System.nanoTime();
      if (generated++ == 0) {
        firstToken = lastToken;
      }
      StopReason reason = null;
      if (generator.endedOnEos()) {
        reason = StopReason.EOS;
      } else if (generator.isDone()) {
        reason = StopReason.MAX_TOKENS;
      }
      String piece = stops.accept(generator.endedOnEos() ? "" : text.next(token));
      if (stops.stopped()) {
        reason = StopReason.STOP;
      } else if (reason != null) {
        piece += stops.accept(text.flush()) + stops.flush();
      }
      sink.onToken(token, piece);
      return reason;
    }

    private GenerationStats stats(int promptTokens, StopReason reason, Generator generator) {
      double prefillSeconds = (prefillEnd - prefillStart) / 1e9;
      double ttft = generated > 0 ? (firstToken - start) / 1e6 : Double.NaN;
      double decode = generated > 1 ? (generated - 1) / ((lastToken - firstToken) / 1e9) : Double.NaN;
      int read = promptTokens - cachedTokens;
      return new GenerationStats(promptTokens, cachedTokens, generated, ttft, read / prefillSeconds, decode, reason, ID,
          fit.droppedMessages(), (System.nanoTime() - start) / 1e6, generator.meanLogprob(), generator.minLogprob());
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      decoder.close();
      tokenizer.close();
    }
  }

}
