package dev.pith.inference.onnx.optimize;

import static dev.pith.inference.onnx.optimize.OnnxModel.ATTR_I;
import static dev.pith.inference.onnx.optimize.OnnxModel.ATTR_NAME;
import static dev.pith.inference.onnx.optimize.OnnxModel.ATTR_TYPE;
import static dev.pith.inference.onnx.optimize.OnnxModel.ATTR_TYPE_INT;

import dev.pith.inference.ModelLoadException;
import dev.pith.inference.onnx.optimize.OnnxModel.Attribute;
import dev.pith.inference.onnx.optimize.OnnxModel.Node;
import dev.pith.inference.onnx.optimize.Wire.Field;
import dev.pith.inference.onnx.optimize.Wire.MalformedException;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rewrites a decoder's ONNX file for faster CPU inference, once at install time, without protobuf-java:
 *
 * <ul>
 *   <li><b>Last-token logits.</b> Generation only reads the logits of the last position, yet the exported
 *       LM head multiplies every position of a prefill by a [hidden, vocab] matrix (for Qwen2.5-1.5B, 151,936
 *       columns: the biggest single MatMul of the model). A Slice of the hidden states to the last position
 *       before the head makes {@code logits} {@code [batch, 1, vocab]}.
 *   <li><b>accuracy_level 4</b> on MatMulNBits nodes that leave it unset: ONNX Runtime then quantizes
 *       activations to int8 on the fly and uses int8 dot products, about twice as fast on CPUs with VNNI
 *       (onnxruntime-genai's model builder sets the same for CPU).
 * </ul>
 *
 * <p>The source file is memory-mapped and only the messages that change are re-encoded; everything else,
 * embedded weights included, is copied verbatim from the file, so memory use does not grow with the model.
 * The result is idempotent: optimizing an optimized file changes nothing.
 */
public final class ModelOptimizer {
  /** Bumped whenever a rewrite changes, so that files optimized by an older Pith are redone. */
  public static final int VERSION = 1;

  /** Prefix of every name the optimizer adds to a graph. */
  static final String PREFIX = "/pith/";

  private static final String MICROSOFT = "com.microsoft";
  private static final String ACCURACY_LEVEL = "accuracy_level";
  private static final int FAST_ACCURACY_LEVEL = 4;

  /** The rewrites; {@link #ModelOptimizer()} applies all of them. */
  public enum Rewrite {
    /** Slice the hidden states to the last position before the LM head. */
    LAST_TOKEN_LOGITS,
    /** accuracy_level 4 (int8 compute) on MatMulNBits nodes that leave it unset. */
    ACCURACY_LEVEL_4
  }

  /**
   * What {@link #optimize} did.
   *
   * @param lastTokenLogits whether the Slice before the LM head was inserted
   * @param lastTokenDetail where it was inserted, or why it was not
   * @param accuracyLevelSet MatMulNBits nodes whose accuracy_level was set to 4
   * @param accuracyLevelUnset MatMulNBits nodes left with accuracy_level unset (when that rewrite is off)
   * @param matMulNBits all MatMulNBits nodes in the main graph
   */
  public record Report(boolean lastTokenLogits, String lastTokenDetail, int accuracyLevelSet,
      int accuracyLevelUnset, int matMulNBits) {
    public Report {
      Objects.requireNonNull(lastTokenDetail);
    }

    /** Whether the optimized file differs from the source. */
    public boolean changed() {
      return lastTokenLogits || accuracyLevelSet > 0;
    }

    /** One line for logs and the sidecar. */
    public String summary() {
      String logits = lastTokenLogits
          ? "last-token logits: " + lastTokenDetail
          : "last-token logits skipped (" + lastTokenDetail + ")";
      String accuracy;
      if (accuracyLevelSet > 0) {
        accuracy = "accuracy_level 4 set on " + accuracyLevelSet + " of " + matMulNBits + " MatMulNBits nodes";
      } else if (accuracyLevelUnset > 0) {
        accuracy = "accuracy_level left unset on " + accuracyLevelUnset + " of " + matMulNBits + " MatMulNBits nodes";
      } else if (matMulNBits > 0) {
        accuracy = "accuracy_level already set on all " + matMulNBits + " MatMulNBits nodes";
      } else {
        accuracy = "no MatMulNBits nodes";
      }
      return (changed() ? "" : "no changes: ") + logits + "; " + accuracy;
    }
  }

  private final Set<Rewrite> rewrites;

  /** An optimizer that applies every rewrite. */
  public ModelOptimizer() {
    this(EnumSet.allOf(Rewrite.class));
  }

  /** An optimizer that applies only the given rewrites. */
  public ModelOptimizer(Set<Rewrite> rewrites) {
    this.rewrites = Set.copyOf(rewrites);
  }

  /**
   * Writes the optimized form of {@code source} to {@code target} (atomically, through a temporary file
   * next to it), unless nothing would change: then no file is written and {@link Report#changed()} is
   * false. The source is never modified.
   *
   * @param target a file in the same folder as the source, since external-data locations are relative to
   *     the model file
   * @throws ModelLoadException with one line naming the source when it is not a well-formed ONNX model
   * @throws IOException when reading or writing fails (the target is then left as it was)
   * @throws IllegalArgumentException when the target is the source or in another folder
   */
  public Report optimize(Path source, Path target) throws ModelLoadException, IOException {
    Path src = source.toAbsolutePath().normalize();
    Path dst = target.toAbsolutePath().normalize();
    if (src.equals(dst) || !Objects.equals(src.getParent(), dst.getParent())) {
      throw new IllegalArgumentException("the optimized model must be a different file in the source's folder"
          + " (external data is found relative to it): " + source + " -> " + target);
    }
    try (FileChannel channel = FileChannel.open(src, StandardOpenOption.READ)) {
      MappedByteBuffer buf = map(channel, source);
      Report report;
      Pieces out;
      try {
        OnnxModel model = OnnxModel.parse(buf);
        LastTokenLogits lastToken = rewrites.contains(Rewrite.LAST_TOKEN_LOGITS)
            ? LastTokenLogits.plan(model) : LastTokenLogits.skip("not requested");
        Set<Node> unset = model.nodes().stream().filter(ModelOptimizer::accuracyUnset).collect(Collectors.toSet());
        Set<Node> accuracy = rewrites.contains(Rewrite.ACCURACY_LEVEL_4) ? unset : Set.of();
        long matMulNBits = model.nodes().stream().filter(n -> n.is(MICROSOFT, "MatMulNBits")).count();
        report = new Report(lastToken.applies(), lastToken.detail(), accuracy.size(), unset.size() - accuracy.size(),
            (int) matMulNBits);
        out = report.changed() ? encode(model, lastToken, accuracy) : null;
      } catch (MalformedException e) {
        throw new ModelLoadException(source + " is not a valid ONNX model: " + e.getMessage(), e);
      }
      if (out != null) {
        write(src, dst, channel, out);
      }
      return report;
    }
  }

  /**
   * The operators the main graph uses, as {@code domain:op_type} with {@code ""} for the default domain
   * ({@code ":MatMul"}, {@code "com.microsoft:GroupQueryAttention"}). Reads the file without ONNX Runtime,
   * skipping over the weights.
   *
   * @throws ModelLoadException with one line when the file is not a well-formed ONNX model
   */
  public static Set<String> operators(Path file) throws ModelLoadException, IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      OnnxModel model = OnnxModel.parse(map(channel, file));
      return model.nodes().stream().map(n -> n.domain() + ":" + n.opType())
          .collect(Collectors.toCollection(java.util.TreeSet::new));
    } catch (MalformedException e) {
      throw new ModelLoadException(file + " is not a valid ONNX model: " + e.getMessage(), e);
    }
  }

  private static MappedByteBuffer map(FileChannel channel, Path file) throws IOException, ModelLoadException {
    long size = channel.size();
    if (size > Integer.MAX_VALUE) {
      throw new ModelLoadException(file + " is larger than 2 GB, more than a protobuf file can hold");
    }
    return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
  }

  /** The whole ModelProto with the graph re-encoded. */
  private static Pieces encode(OnnxModel model, LastTokenLogits lastToken, Set<Node> accuracy)
      throws MalformedException {
    Pieces graph = new Pieces();
    int nodeIndex = 0;
    for (Field f : model.graphFields()) {
      switch (f.number()) {
        case OnnxModel.GRAPH_NODE -> {
          Node node = model.nodes().get(nodeIndex++);
          encodeNode(model, node, lastToken.isHeadNode(node) ? lastToken : null, accuracy.contains(node), graph);
        }
        case OnnxModel.GRAPH_OUTPUT, OnnxModel.GRAPH_VALUE_INFO -> {
          Pieces edited = lastToken.shapeEdit(model, f);
          if (edited == null) {
            graph.copy(f);
          } else {
            graph.messageField(f.number(), edited);
          }
        }
        default -> graph.copy(f);
      }
    }
    lastToken.addInitializers(graph);
    Pieces out = new Pieces();
    for (Field f : model.fields()) {
      if (f == model.graph()) {
        out.messageField(OnnxModel.MODEL_GRAPH, graph);
      } else {
        out.copy(f);
      }
    }
    return out;
  }

  /**
   * Appends a node to a GraphProto: as it is, or with accuracy_level 4, or (when {@code head} is given)
   * preceded by the Slice and reading the Slice's output.
   */
  private static void encodeNode(OnnxModel model, Node node, LastTokenLogits head, boolean accuracy,
      Pieces graph) throws MalformedException {
    if (head != null) {
      graph.messageField(OnnxModel.GRAPH_NODE, head.sliceNode());
    }
    if (head == null && !accuracy) {
      graph.copy(node.field());
      return;
    }
    Attribute level = node.attribute(ACCURACY_LEVEL);
    Pieces out = new Pieces();
    boolean firstInput = true;
    for (Field part : node.field().fields(model.buf())) {
      if (head != null && firstInput && part.number() == OnnxModel.NODE_INPUT) {
        out.stringField(OnnxModel.NODE_INPUT, head.slicedName());
        firstInput = false;
      } else if (accuracy && level != null && part.start() == level.field().start()) {
        out.messageField(OnnxModel.NODE_ATTRIBUTE, fastAccuracyLevel());
      } else {
        out.copy(part);
      }
    }
    if (accuracy && level == null) {
      out.messageField(OnnxModel.NODE_ATTRIBUTE, fastAccuracyLevel());
    }
    graph.messageField(OnnxModel.GRAPH_NODE, out);
  }

  private static Pieces fastAccuracyLevel() {
    return new Pieces().stringField(ATTR_NAME, ACCURACY_LEVEL).varintField(ATTR_I, FAST_ACCURACY_LEVEL)
        .varintField(ATTR_TYPE, ATTR_TYPE_INT);
  }

  /** Whether a MatMulNBits node leaves accuracy_level unset (absent or 0), which the rewrite changes. */
  static boolean accuracyUnset(Node node) {
    if (!node.is(MICROSOFT, "MatMulNBits")) {
      return false;
    }
    Attribute level = node.attribute(ACCURACY_LEVEL);
    return level == null || (level.i() == 0 && (level.type() == 0 || level.type() == ATTR_TYPE_INT));
  }

  private static void write(Path source, Path target, FileChannel from, Pieces out) throws IOException {
    Path dir = target.getParent();
    long free = Files.getFileStore(dir).getUsableSpace();
    if (free < out.length()) {
      throw new IOException(dir + " has " + megabytes(free) + " MB free, the optimized model needs "
          + megabytes(out.length()) + " MB");
    }
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel to = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        out.writeTo(from, to);
        to.force(true);
      }
      copyPermissions(source, tmp);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /** Temporary files are private (0600); the model file gets the source's permissions instead. */
  private static void copyPermissions(Path source, Path tmp) throws IOException {
    if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(source));
    }
  }

  private static long megabytes(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }

}
