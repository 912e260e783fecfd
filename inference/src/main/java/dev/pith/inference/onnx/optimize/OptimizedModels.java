package dev.pith.inference.onnx.optimize;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.OneLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an optimized copy next to each ONNX file Pith loads: {@code model.onnx} gets
 * {@code model.pith.onnx} (see {@link ModelOptimizer}) and a small sidecar {@code model.pith.json} that
 * records what it was made from. The optimizer is an accelerator, never a reason not to load a model: on
 * any failure (read-only folder, full disk, a graph it cannot parse) this logs one warning and hands back
 * the original file.
 *
 * <p>Staleness: the copy is reused while the sidecar's optimizer version, source size and source
 * modification time all match, so the normal start-up costs one {@code stat}. When only the modification
 * time differs (a re-download or a copy of the same file), sources under {@value #HASH_LIMIT_MB} MB are
 * hashed and an unchanged SHA-256 keeps the copy; bigger ones (graphs with embedded weights, up to 2 GB)
 * are not hashed, as reading all of them costs about as much as optimizing them again, so they are simply
 * redone. A source replaced by another of the same size and time is not noticed, as with make or rsync.
 */
public final class OptimizedModels {
  private static final Logger LOG = LoggerFactory.getLogger(OptimizedModels.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final String SUFFIX = ".pith.onnx";
  static final int HASH_LIMIT_MB = 64;

  /**
   * What an optimized copy was made from, stored as JSON next to it.
   *
   * @param optimizerVersion {@link ModelOptimizer#VERSION} when it was made
   * @param sourceSize the source's size in bytes
   * @param sourceModified the source's modification time, epoch milliseconds
   * @param sourceSha256 hex SHA-256 of the source, or null for sources of {@value #HASH_LIMIT_MB} MB and more
   * @param changed false when the optimizer found nothing to rewrite (then there is no copy)
   * @param optimizedSize the copy's size in bytes, to notice a damaged copy
   * @param summary the optimizer's report
   * @param rewrites the rewrites asked for, by name
   */
  record Sidecar(int optimizerVersion, long sourceSize, long sourceModified, String sourceSha256, boolean changed,
      long optimizedSize, String summary, Set<String> rewrites) {}

  private final ModelOptimizer optimizer;
  private final Set<String> rewrites;

  /** Copies with every rewrite. */
  public OptimizedModels() {
    this(EnumSet.allOf(ModelOptimizer.Rewrite.class));
  }

  /** Copies with the given rewrites; a copy made with others is remade. */
  public OptimizedModels(Set<ModelOptimizer.Rewrite> rewrites) {
    this.optimizer = new ModelOptimizer(rewrites);
    this.rewrites = rewrites.stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
  }

  /** {@code <stem>.pith.onnx} next to {@code <stem>.onnx}. */
  public static Path optimizedPath(Path onnxFile) {
    return onnxFile.resolveSibling(stem(onnxFile) + SUFFIX);
  }

  static Path sidecarPath(Path onnxFile) {
    return onnxFile.resolveSibling(stem(onnxFile) + ".pith.json");
  }

  private static String stem(Path onnxFile) {
    String name = onnxFile.getFileName().toString();
    return name.endsWith(".onnx") ? name.substring(0, name.length() - ".onnx".length()) : name;
  }

  /**
   * The file to load for {@code onnxFile}: its optimized copy, made or remade here when missing or stale,
   * or {@code onnxFile} itself when the optimizer changes nothing or fails. A {@code .pith.onnx} file is
   * returned as it is. May take seconds the first time (a rewrite of the file); never throws.
   */
  public Path prepare(Path onnxFile) {
    Objects.requireNonNull(onnxFile);
    if (onnxFile.getFileName().toString().endsWith(SUFFIX)) {
      return onnxFile;
    }
    Path optimized = optimizedPath(onnxFile);
    try {
      long size = Files.size(onnxFile);
      long modified = Files.getLastModifiedTime(onnxFile).toMillis();
      Sidecar saved = readSidecar(onnxFile);
      if (saved != null && isFresh(saved, onnxFile, size, modified)) {
        return saved.changed() ? optimized : onnxFile;
      }
      return create(onnxFile, size, modified);
    } catch (ModelLoadException e) {
      LOG.warn("{} not optimized, loading it as it is: {}", onnxFile, OneLine.of(e.getMessage()));
    } catch (IOException | RuntimeException e) {
      LOG.warn("{} not optimized, loading it as it is: {}", onnxFile, OneLine.of(e.toString()));
    }
    return onnxFile;
  }

  /** Whether the sidecar (and its copy) still describe the source; refreshes the sidecar after a touch. */
  private boolean isFresh(Sidecar saved, Path onnxFile, long size, long modified) throws IOException {
    if (saved.optimizerVersion() != ModelOptimizer.VERSION || saved.sourceSize() != size
        || !rewrites.equals(saved.rewrites())) {
      return false;
    }
    if (saved.changed()) {
      Path optimized = optimizedPath(onnxFile);
      if (!Files.isRegularFile(optimized) || Files.size(optimized) != saved.optimizedSize()) {
        return false;
      }
    }
    if (saved.sourceModified() == modified) {
      return true;
    }
    if (saved.sourceSha256() == null || !saved.sourceSha256().equals(sha256(onnxFile, size))) {
      return false;
    }
    writeSidecar(onnxFile, new Sidecar(saved.optimizerVersion(), size, modified, saved.sourceSha256(),
        saved.changed(), saved.optimizedSize(), saved.summary(), saved.rewrites()));
    return true;
  }

  private Path create(Path onnxFile, long size, long modified) throws ModelLoadException, IOException {
    Path optimized = optimizedPath(onnxFile);
    // A stale copy goes first: a 2 GB model must not need room for two old copies and a new one.
    Files.deleteIfExists(sidecarPath(onnxFile));
    Files.deleteIfExists(optimized);
    String sha = sha256(onnxFile, size);
    long start = System.nanoTime();
    ModelOptimizer.Report report = optimizer.optimize(onnxFile, optimized);
    long millis = (System.nanoTime() - start) / 1_000_000;
    long optimizedSize = report.changed() ? Files.size(optimized) : 0;
    writeSidecar(onnxFile, new Sidecar(ModelOptimizer.VERSION, size, modified, sha, report.changed(),
        optimizedSize, report.summary(), rewrites));
    LOG.info("optimized {} in {} ms: {}", onnxFile, millis, report.summary());
    return report.changed() ? optimized : onnxFile;
  }

  private static Sidecar readSidecar(Path onnxFile) {
    Path file = sidecarPath(onnxFile);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return JSON.readValue(file.toFile(), Sidecar.class);
    } catch (IOException e) {
      // A damaged sidecar only means the copy is remade.
      LOG.debug("ignoring unreadable {}: {}", file, OneLine.of(e.getMessage()));
      return null;
    }
  }

  private static void writeSidecar(Path onnxFile, Sidecar sidecar) throws IOException {
    Path file = sidecarPath(onnxFile);
    Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), sidecar);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /** Hex SHA-256 of the file, or null when it is too big to be worth hashing (see the class comment). */
  private static String sha256(Path file, long size) throws IOException {
    if (size >= HASH_LIMIT_MB * (1L << 20)) {
      return null;
    }
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] chunk = new byte[1 << 16];
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        digest.update(chunk, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
