package dev.pith.inference.hailo;

import dev.pith.inference.CancellationToken;
import dev.pith.inference.ChatBackend;
import dev.pith.inference.GenerationException;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.ModelInfo;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.TokenSink;
import dev.pith.inference.cpu.CpuBackend;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Auto" backend: answers on the NPU while it works, and on the CPU from the moment it stops. When the NPU's
 * server fails during an answer (dead, silent, a broken connection, nonsense: a {@link HailoException}), that answer
 * fails with the server's own message, the listener hears that answers move to the CPU, and the NEXT request runs
 * on a CPU backend loaded then (not before: a Pi has no memory to spare for an idle second model). An answer is
 * never retried on the CPU behind the caller's back: the user sees the failure and asks again. Refusals that are
 * not the server's fault (a prompt too long, another answer running) leave the NPU in place.
 */
public final class AutoBackend implements ChatBackend {
  private static final Logger LOG = LoggerFactory.getLogger(AutoBackend.class);

  /** Loads the CPU model, e.g. {@code () -> CpuBackend.load(folder, options)}. */
  @FunctionalInterface
  public interface CpuLoader {
    ChatBackend load() throws ModelLoadException;
  }

  /** Hears that answers now run on the CPU; called once, on the generating thread. */
  @FunctionalInterface
  public interface FallbackListener {
    /**
     * @param message one line for the user: "The NPU stopped answering (…); answers now run on the CPU"
     * @param cause what the NPU's server did
     */
    void fellBack(String message, GenerationException cause);
  }

  private final CpuLoader cpuLoader;
  private final FallbackListener listener;
  private final ModelInfo npuModel;
  private ChatBackend npu;
  private ChatBackend cpu;
  private boolean closed;

  /**
   * @param npu the connected NPU backend (owned from now on: closed on the switch or on {@link #close})
   * @param cpu loads the CPU backend when the NPU has failed
   */
  public AutoBackend(ChatBackend npu, CpuLoader cpu, FallbackListener listener) {
    this.npu = Objects.requireNonNull(npu, "npu");
    this.npuModel = npu.model();
    this.cpuLoader = Objects.requireNonNull(cpu, "cpu");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** The backend the next answer runs on: the NPU's id until it fails, then {@code cpu}. */
  @Override
  public synchronized String id() {
    return npu != null ? npu.id() : CpuBackend.ID;
  }

  /** The NPU's model until the CPU's is loaded (on the first answer after the switch), then the CPU's. */
  @Override
  public synchronized ModelInfo model() {
    return cpu != null ? cpu.model() : npuModel;
  }

  /** True until the NPU has failed. */
  public synchronized boolean onNpu() {
    return npu != null;
  }

  /**
   * Answers on the NPU, or on the CPU once the NPU has failed.
   *
   * @throws HailoException when the NPU's server failed during this answer (the next one runs on the CPU)
   * @throws GenerationException when the CPU model cannot be loaded, or the backend refuses the request
   */
  @Override
  public GenerationStats generate(GenerationRequest request, TokenSink sink, CancellationToken cancel)
      throws GenerationException {
    ChatBackend current = current();
    try {
      return current.generate(request, sink, cancel);
    } catch (HailoException e) {
      switchToCpu(current, e);
      throw e;
    }
  }

  private synchronized ChatBackend current() throws GenerationException {
    if (closed) {
      throw new IllegalStateException("the backend has been closed");
    }
    if (npu != null) {
      return npu;
    }
    if (cpu == null) {
      try {
        cpu = cpuLoader.load();
      } catch (ModelLoadException e) {
        throw new GenerationException("the NPU stopped answering and the CPU model cannot be loaded: "
            + e.getMessage(), e);
      }
    }
    return cpu;
  }

  /** Leaves the NPU when {@code failed} is still it (a CPU backend never throws a {@link HailoException}). */
  private void switchToCpu(ChatBackend failed, HailoException cause) {
    synchronized (this) {
      if (npu != failed) {
        return;
      }
      npu = null;
    }
    failed.close();
    String message = "The NPU stopped answering (" + cause.getMessage() + "); answers now run on the CPU";
    LOG.warn(message);
    listener.fellBack(message, cause);
  }

  @Override
  public void close() {
    ChatBackend n;
    ChatBackend c;
    synchronized (this) {
      closed = true;
      n = npu;
      c = cpu;
      npu = null;
      cpu = null;
    }
    if (n != null) {
      n.close();
    }
    if (c != null) {
      c.close();
    }
  }
}
