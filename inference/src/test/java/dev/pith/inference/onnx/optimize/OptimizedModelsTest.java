package dev.pith.inference.onnx.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pith.inference.TestModels;
import dev.pith.inference.onnx.optimize.OptimizedModels.Sidecar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The optimized sibling is made once, reused while it matches its source, and never stops a model loading. */
class OptimizedModelsTest {
  /** A time in the past that {@link OptimizedModels} never sets, so any rewrite of a file shows. */
  private static final FileTime MARK = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

  @TempDir Path tmp;

  private final OptimizedModels models = new OptimizedModels();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(OptimizedModels.class);

  @BeforeEach
  void captureLog() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(log);
  }

  private Path genai() throws Exception {
    return TestModels.copyFolder(TestModels.GENAI, tmp.resolve("tiny-genai")).resolve("model.onnx");
  }

  private Path optimum() throws Exception {
    return TestModels.copyFolder(TestModels.OPTIMUM, tmp.resolve("tiny-optimum")).resolve("onnx/model_q4.onnx");
  }

  @Test
  void siblingNamesKeepTheStem() {
    assertEquals(Path.of("m", "model.pith.onnx"), OptimizedModels.optimizedPath(Path.of("m", "model.onnx")));
    assertEquals(Path.of("model_q4.pith.onnx"), OptimizedModels.optimizedPath(Path.of("model_q4.onnx")));
    assertEquals(Path.of("model_q4.pith.json"), OptimizedModels.sidecarPath(Path.of("model_q4.onnx")));
  }

  @Test
  void createsTheSiblingOnceAndThenReusesIt() throws Exception {
    Path source = genai();

    Path prepared = models.prepare(source);

    assertEquals(source.resolveSibling("model.pith.onnx"), prepared);
    Sidecar sidecar = sidecar(source);
    assertEquals(ModelOptimizer.VERSION, sidecar.optimizerVersion());
    assertEquals(Files.size(source), sidecar.sourceSize());
    assertEquals(64, sidecar.sourceSha256().length());
    assertTrue(sidecar.changed());
    assertTrue(sidecar.summary().startsWith("last-token logits: Slice before"), sidecar.summary());
    try (RawSession session = new RawSession(prepared)) {
      assertEquals(1, session.logitsShape()[1]);
    }
    Files.setLastModifiedTime(prepared, MARK);

    assertEquals(prepared, models.prepare(source));
    assertEquals(MARK, Files.getLastModifiedTime(prepared), "the copy must be reused, not rewritten");
    assertEquals(List.of(), warnings());
  }

  @Test
  void touchedSourceWithTheSameBytesKeepsTheCopy() throws Exception {
    Path source = optimum();
    Path prepared = models.prepare(source);
    Files.setLastModifiedTime(prepared, MARK);
    FileTime touched = FileTime.from(Files.getLastModifiedTime(source).toInstant().plusSeconds(3600));
    Files.setLastModifiedTime(source, touched);

    assertEquals(prepared, models.prepare(source));

    assertEquals(MARK, Files.getLastModifiedTime(prepared), "same SHA-256: no rewrite");
    assertEquals(touched.toMillis(), sidecar(source).sourceModified(), "the sidecar follows the new time");
  }

  @Test
  void replacedSourceIsOptimizedAgain() throws Exception {
    Path source = optimum();
    Path prepared = models.prepare(source);
    Files.setLastModifiedTime(prepared, MARK);
    String oldSha = sidecar(source).sourceSha256();
    // Another valid model: the same graph with one more input.
    Files.copy(TestModels.ROOT.resolve("bad-input-names/onnx/model_q4.onnx"), source,
        StandardCopyOption.REPLACE_EXISTING);

    assertEquals(prepared, models.prepare(source));

    assertNotEquals(MARK, Files.getLastModifiedTime(prepared));
    assertNotEquals(oldSha, sidecar(source).sourceSha256());
    OnnxModel model = OnnxModel.parse(java.nio.ByteBuffer.wrap(Files.readAllBytes(prepared)));
    assertTrue(model.inputs().stream().anyMatch(i -> i.name().equals("token_type_ids")));
  }

  @Test
  void copyFromAnOlderOptimizerIsRedone() throws Exception {
    Path source = genai();
    Path prepared = models.prepare(source);
    Files.setLastModifiedTime(prepared, MARK);
    Sidecar old = sidecar(source);
    new ObjectMapper().writeValue(OptimizedModels.sidecarPath(source).toFile(), new Sidecar(
        ModelOptimizer.VERSION - 1, old.sourceSize(), old.sourceModified(), old.sourceSha256(), old.changed(),
        old.optimizedSize(), old.summary(), old.rewrites()));

    assertEquals(prepared, models.prepare(source));

    assertNotEquals(MARK, Files.getLastModifiedTime(prepared));
    assertEquals(ModelOptimizer.VERSION, sidecar(source).optimizerVersion());
  }

  @Test
  void copyMadeWithOtherRewritesIsRedone() throws Exception {
    Path source = genai();
    Path prepared = models.prepare(source);
    Files.setLastModifiedTime(prepared, MARK);
    OptimizedModels sliceOnly = new OptimizedModels(java.util.EnumSet.of(ModelOptimizer.Rewrite.LAST_TOKEN_LOGITS));

    assertEquals(prepared, sliceOnly.prepare(source));

    assertNotEquals(MARK, Files.getLastModifiedTime(prepared));
    assertEquals(java.util.Set.of("LAST_TOKEN_LOGITS"), sidecar(source).rewrites());
    assertTrue(sidecar(source).summary().contains("accuracy_level left unset"), sidecar(source).summary());
  }

  @Test
  void damagedCopyIsRedone() throws Exception {
    Path source = genai();
    Path prepared = models.prepare(source);
    Files.write(prepared, new byte[] {1, 2, 3});

    assertEquals(prepared, models.prepare(source));

    assertEquals(sidecar(source).optimizedSize(), Files.size(prepared));
    try (RawSession session = new RawSession(prepared)) {
      assertEquals(1, session.logitsShape()[1]);
    }
  }

  @Test
  void modelWithNothingToRewriteIsUsedAsItIs() throws Exception {
    Path source = optimum();
    Path alreadyOptimized = source.resolveSibling("already.onnx");
    Files.move(models.prepare(source), alreadyOptimized);

    assertEquals(alreadyOptimized, models.prepare(alreadyOptimized));
    assertFalse(Files.exists(OptimizedModels.optimizedPath(alreadyOptimized)), "no copy of an unchanged model");
    assertFalse(sidecar(alreadyOptimized).changed());
    assertEquals(alreadyOptimized, models.prepare(alreadyOptimized));
  }

  @Test
  void optimizedFileIsReturnedAsItIs() throws Exception {
    Path source = genai();
    Path prepared = models.prepare(source);
    assertEquals(prepared, models.prepare(prepared));
    assertFalse(Files.exists(prepared.resolveSibling("model.pith.pith.onnx")));
  }

  @Test
  void garbageSourceIsReturnedWithOneWarning() throws Exception {
    Path source = Files.writeString(tmp.resolve("model.onnx"), "not a model");

    assertEquals(source, models.prepare(source));

    assertEquals(1, warnings().size());
    assertTrue(warnings().get(0).startsWith(source + " not optimized, loading it as it is: " + source
        + " is not a valid ONNX model: "), warnings().get(0));
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of(source), files.toList());
    }
  }

  @Test
  void unwritableTargetLeavesTheSourceInUse() throws Exception {
    Path source = genai();
    // A non-empty folder where the copy belongs: neither deletable nor replaceable, even by root.
    Files.createDirectories(OptimizedModels.optimizedPath(source).resolve("occupied"));

    assertEquals(source, models.prepare(source));

    assertEquals(1, warnings().size());
    assertTrue(warnings().get(0).startsWith(source + " not optimized, loading it as it is: "), warnings().get(0));
  }

  @Test
  void readOnlyFolderLeavesTheSourceInUse() throws Exception {
    Path source = genai();
    Path dir = source.getParent();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(Files.isWritable(dir), "the folder stays writable for this user (root)");

      assertEquals(source, models.prepare(source));

      assertEquals(1, warnings().size());
      assertFalse(Files.exists(OptimizedModels.optimizedPath(source)));
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private static Sidecar sidecar(Path source) throws Exception {
    return new ObjectMapper().readValue(OptimizedModels.sidecarPath(source).toFile(), Sidecar.class);
  }

  private List<String> warnings() {
    return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
        .toList();
  }
}
