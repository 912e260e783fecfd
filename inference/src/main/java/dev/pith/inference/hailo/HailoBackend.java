package dev.pith.inference.hailo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.inference.CancellationToken;
import dev.pith.inference.ChatBackend;
import dev.pith.inference.ChatMessage;
import dev.pith.inference.ContextFit;
import dev.pith.inference.GenerationException;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.GenerationSettings;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.ModelInfo;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.Prompt;
import dev.pith.inference.SamplingSettings;
import dev.pith.inference.StopReason;
import dev.pith.inference.TokenSink;
import dev.pith.inference.hailo.HailoReport.Status;
import dev.pith.inference.hailo.HailoReport.Step;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code hailo} backend: answers on the Hailo-10H NPU through hailo-ollama's {@code /api/chat}, streamed, with
 * {@code keep_alive: -1} so the model stays on the NPU between answers. The server serves one request at a time and
 * so does this backend: a second {@link #generate} while one runs fails at once instead of queueing behind it. The
 * NPU's context is a fixed 2,048 tokens and the server answers garbage past it, so a conversation is fitted before
 * it is sent ({@link ContextFit}, counted by {@link PromptCounter}) and the answer's {@code num_predict} capped to
 * what is left. Chats only: a {@link Prompt.Text} is refused, because the server applies the model's chat template
 * itself, and so is a {@link Prompt.Ids}, because it takes text.
 */
public final class HailoBackend implements ChatBackend {
  public static final String ID = "hailo";
  /** {@link ModelInfo#layout()} of every NPU model: how it is served. */
  public static final String LAYOUT = "hailo-ollama";
  /** The NPU's context, fixed by Hailo's compiled models. */
  public static final int CONTEXT = 2048;
  private static final Logger LOG = LoggerFactory.getLogger(HailoBackend.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HailoClient client;
  private final Optional<HailoServerProcess> started;
  private final PromptCounter counter;
  private final ModelInfo info;
  private final ReentrantLock busy = new ReentrantLock();
  private volatile LineStream running;
  private volatile boolean closed;

  private HailoBackend(HailoClient client, Optional<HailoServerProcess> started, PromptCounter counter,
      String serverName) {
    this.client = client;
    this.started = started;
    this.counter = counter;
    this.info = new ModelInfo(serverName, LAYOUT, CONTEXT, 0, serverName.startsWith("deepseek_r1"));
  }

  /**
   * Connects to hailo-ollama at {@code options.url()}; when nothing answers there, the URL is this machine's, a
   * Hailo device and its driver are present and {@code hailo-ollama} is on the PATH, starts it (and stops it again
   * on {@link #close}). Then finds {@code model} on the server under any of its names, or pulls it under the name
   * the server's version knows, reporting the pull to {@code pulls}.
   *
   * @param cancel stops a pull in progress (the connect then fails)
   * @throws ModelLoadException with one line saying what is missing or what the server did
   */
  public static HailoBackend connect(HailoOptions options, HailoModel model, HailoPullListener pulls,
      CancellationToken cancel) throws ModelLoadException {
    HailoClient client = new HailoClient(options.url(), options.timeouts());
    Optional<HailoServerProcess> started = Optional.empty();
    String version;
    try {
      version = client.version();
    } catch (HailoException notAnswering) {
      HailoServerProcess.Started server = startServer(options, client, notAnswering);
      started = Optional.of(server.server());
      version = server.version();
    }
    PromptCounter counter = null;
    try {
      String name = serverName(client, model, version, pulls, cancel);
      counter = PromptCounter.open(options.tokenizerFolder());
      LOG.info("NPU model {} on hailo-ollama {} at {}; prompt tokens {}", name, version, client.url(),
          counter.exact() ? "counted with " + options.tokenizerFolder().get() : "estimated");
      return new HailoBackend(client, started, counter, name);
    } catch (ModelLoadException | RuntimeException e) {
      if (counter != null) {
        counter.close();
      }
      started.ifPresent(HailoServerProcess::close);
      throw e;
    }
  }

  private static HailoServerProcess.Started startServer(HailoOptions options, HailoClient client,
      HailoException notAnswering) throws ModelLoadException {
    for (Step step : List.of(HailoDetection.device(options.sysfsRoot()), HailoDetection.driver(options.sysfsRoot()))) {
      if (step.status() != Status.OK) {
        throw new ModelLoadException(notAnswering.getMessage() + "; Pith does not start hailo-ollama: "
            + step.detail());
      }
    }
    HailoDetection.Starter starter = HailoDetection.starter(options);
    if (starter.executable().isEmpty()) {
      throw new ModelLoadException(notAnswering.getMessage() + "; " + starter.whyNot());
    }
    return HailoServerProcess.start(starter.executable().get(), options.serverLog(), client, options.startTimeout());
  }

  /** The model's name on the server, pulled first when the server has it under none of its names. */
  private static String serverName(HailoClient client, HailoModel model, String version, HailoPullListener pulls,
      CancellationToken cancel) throws ModelLoadException {
    try {
      Optional<String> listed = model.listedIn(client.models());
      if (listed.isPresent()) {
        return listed.get();
      }
      String name = model.toPull(version);
      LOG.info("{} is not on hailo-ollama {}; pulling {}", model.label(), version, name);
      if (!client.pull(name, pulls, cancel)) {
        throw new ModelLoadException("the pull of " + name + " on " + client.server() + " was cancelled");
      }
      if (!client.models().contains(name)) {
        throw new ModelLoadException(client.server() + " said it pulled " + name + " but does not list it");
      }
      return name;
    } catch (HailoException e) {
      throw new ModelLoadException(e.getMessage(), e);
    }
  }

  @Override
  public String id() {
    return ID;
  }

  /** The server's model name, layout {@code hailo-ollama}, 2,048 tokens, no vocabulary size (the server's). */
  @Override
  public ModelInfo model() {
    return info;
  }

  /** The server's base URL. */
  public String url() {
    return client.url().toString();
  }

  /**
   * Answers a chat on the NPU. Returns promptly with {@link StopReason#CANCELLED} after {@code cancel}: the hook
   * closes the connection, which also frees the server.
   *
   * @throws HailoException when the server fails (dead, silent for too long, a broken connection, a line that is
   *     not JSON, an error status or {@code error} key)
   * @throws GenerationException when the prompt is not a chat, does not fit the context, or another answer is
   *     running
   */
  @Override
  public GenerationStats generate(GenerationRequest request, TokenSink sink, CancellationToken cancel)
      throws GenerationException {
    if (!busy.tryLock()) {
      throw new GenerationException("the NPU is still answering another message (hailo-ollama serves one request"
          + " at a time); wait for it or stop it first");
    }
    try {
      if (closed) {
        throw new IllegalStateException("the backend has been closed");
      }
      long start = System.nanoTime();
      ContextFit.Fitted<Integer> fit = ContextFit.fit(messages(request.prompt()), counter::count,
          Integer::intValue, CONTEXT, request.settings().maxTokens());
      if (cancel.isCancelled()) {
        return new GenerationStats(fit.tokens(), 0, 0, Double.NaN, Double.NaN, Double.NaN, StopReason.CANCELLED,
            ID, fit.droppedMessages(), (System.nanoTime() - start) / 1e6);
      }
      try (LineStream stream = client.chat(body(fit, request.settings()));
           CancellationToken.Registration hook = cancel.onCancel(stream::abort)) {
        running = stream;
        return new HailoAnswer(stream, client, fit, counter.exact(), request.settings().stopStrings(), sink, cancel,
            start).read();
      } finally {
        running = null;
      }
    } finally {
      busy.unlock();
    }
  }

  private static List<ChatMessage> messages(Prompt prompt) throws GenerationException {
    if (prompt instanceof Prompt.Chat chat) {
      return chat.messages();
    }
    if (prompt instanceof Prompt.Text) {
      throw new GenerationException("the NPU answers chats only: hailo-ollama applies the model's chat template"
          + " itself, so raw text cannot be sent to it");
    }
    throw new GenerationException("the NPU takes text, not token ids: hailo-ollama tokenizes the chat itself");
  }

  /**
   * The {@code /api/chat} request: the fitted messages, streamed, {@code keep_alive: -1} (an integer: the server
   * refuses Ollama's "5m" strings) and the options hailo-ollama reads. A greedy request is temperature 0 and top-k
   * 1; a sampled one sends its seed. {@code num_predict} is the answer's budget after fitting.
   */
  private ObjectNode body(ContextFit.Fitted<Integer> fit, GenerationSettings settings) {
    ObjectNode body = JSON.createObjectNode().put("model", info.name()).put("stream", true).put("keep_alive", -1);
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage m : fit.kept()) {
      messages.addObject().put("role", m.role().wireName()).put("content", m.content());
    }
    SamplingSettings s = settings.sampling();
    ObjectNode options = body.putObject("options");
    if (s.isGreedy()) {
      options.put("temperature", 0.0).put("top_k", 1);
    } else {
      options.put("temperature", s.temperature()).put("top_p", s.topP()).put("seed", s.seed());
      if (s.topK() > 0) {
        options.put("top_k", s.topK());
      }
    }
    options.put("repeat_penalty", s.repetitionPenalty()).put("num_predict", fit.maxNewTokens());
    return body;
  }

  /**
   * Aborts an answer in progress (its {@link #generate} fails at once), waits for it to return, then stops the
   * hailo-ollama Pith started, if it did. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    LineStream stream = running;
    if (stream != null) {
      stream.abort();
    }
    busy.lock();
    try {
      started.ifPresent(HailoServerProcess::close);
      counter.close();
    } finally {
      busy.unlock();
    }
  }
}
