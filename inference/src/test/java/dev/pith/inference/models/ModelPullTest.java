package dev.pith.inference.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.inference.CancellationToken;
import dev.pith.inference.onnx.ModelFolder;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls of the tiny model from a real HTTP server on 127.0.0.1 that fails in the ways networks do. */
class ModelPullTest {
  private static final String ID = "tiny";
  private static final String DATA = "/tiny/model.onnx.data";
  private static final int DATA_SIZE = TinyModel.contents().get("model.onnx.data").length;

  @TempDir Path models;
  private FileServer server;
  private DownloadSettings settings;

  @BeforeEach
  void start() throws Exception {
    server = FileServer.start();
    TinyModel.serve(server, "/tiny/");
    settings = fast(new HubAccess(HubAccess.DEFAULT_ENDPOINT, null, ProxySelector.of(null)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Short timeouts and backoff: failure paths take milliseconds. */
  static DownloadSettings fast(HubAccess hub) {
    return DownloadSettings.defaults(hub).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
        .withRetries(3, Duration.ofMillis(10)).withFreeSpace(DownloadSettings.FreeSpace.FILE_STORE, 0)
        .withProgressInterval(Duration.ZERO);
  }

  private ModelStore store() {
    return new ModelStore(models, settings);
  }

  private InstalledModel pull(CatalogEntry entry) throws ModelException {
    return store().pull(entry, PullListener.NONE, new CancellationToken());
  }

  private ModelException pullFails(CatalogEntry entry) {
    ModelException e = assertThrows(ModelException.class, () -> pull(entry));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertNothingInstalled();
    return e;
  }

  private void assertNothingInstalled() {
    assertEquals(List.of(), store().installed());
    assertTrue(store().find(ID).isEmpty());
    assertFalse(Files.exists(models.resolve(ID)), "no model folder after a failed pull");
  }

  private void assertSameFiles(Path dir) throws Exception {
    for (Map.Entry<String, byte[]> file : TinyModel.contents().entrySet()) {
      assertArrayEquals(file.getValue(), Files.readAllBytes(dir.resolve(file.getKey())), file.getKey());
    }
  }

  @Test
  void pullVerifiesEveryFileAndPublishesTheFolderWithItsManifest() throws Exception {
    InstalledModel model = pull(TinyModel.entry(ID, server, "/tiny/"));

    assertEquals(models.resolve(ID), model.dir());
    assertSameFiles(model.dir());
    Manifest manifest = model.manifest().orElseThrow();
    assertEquals(TinyModel.FILES.size(), manifest.files().size());
    assertTrue(manifest.files().stream().allMatch(f -> f.checkedAgainst().equals(ManifestFile.CATALOG)));
    assertEquals(TinyModel.totalSize(), manifest.totalSize());
    ModelFolder.read(model.dir());
    assertFalse(Files.exists(models.resolve(".partial/" + ID)), "the staging folder became the model");
    assertEquals(List.of(), store().verify(ID));
  }

  @Test
  void cutMidFileResumesFromTheOffsetReached() throws Exception {
    server.failNext(DATA, FileServer.Fault.cutAfter(100_000));

    InstalledModel model = pull(TinyModel.entry(ID, server, "/tiny/"));

    List<FileServer.Request> data = server.requestsFor(DATA);
    assertEquals(2, data.size(), data::toString);
    assertNull(data.get(0).range());
    assertEquals("bytes=100000-", data.get(1).range());
    assertSameFiles(model.dir());
  }

  @Test
  void serverThatIgnoresRangeIsDownloadedAgainFromTheStart() throws Exception {
    server.rangeSupport = false;
    server.failNext(DATA, FileServer.Fault.cutAfter(50_000));

    InstalledModel model = pull(TinyModel.entry(ID, server, "/tiny/"));

    assertEquals("bytes=50000-", server.requestsFor(DATA).get(1).range(), "it asked to resume");
    assertSameFiles(model.dir());
    assertEquals(List.of(), store().verify(ID));
  }

  @Test
  void wrongChecksumDeletesTheFileAndNamesBothHashes() {
    String wrong = "0".repeat(64);
    CatalogEntry entry = TinyModel.catalog(ID, true, true, s -> s.put("base_url", server.base() + "/tiny/"), f -> {
      if (f.path("path").asText().equals("model.onnx")) {
        f.put("sha256", wrong);
      }
    }).models().get(0);

    ModelException e = pullFails(entry);

    String actual = TinyModel.sha256(TinyModel.contents().get("model.onnx"));
    assertEquals("model.onnx: SHA-256 mismatch, expected " + wrong + ", got " + actual
        + "; the download was deleted", e.getMessage());
    assertFalse(Files.exists(models.resolve(".partial/tiny/model.onnx.part")));
    assertFalse(Files.exists(models.resolve(".partial/tiny/model.onnx")));
  }

  @Test
  void missingFileIsOneLineWithoutRetrying() {
    server.failAlways("/tiny/tokenizer.json", FileServer.Fault.status(404));

    ModelException e = pullFails(TinyModel.entry(ID, server, "/tiny/"));

    assertEquals("tokenizer.json: not found (HTTP 404 from " + server.url("/tiny/tokenizer.json") + ")",
        e.getMessage());
    assertEquals(1, server.requestsFor("/tiny/tokenizer.json").size());
  }

  @Test
  void serverErrorIsRetriedWithBackoffThenReported() {
    server.failAlways(DATA, FileServer.Fault.status(500));
    List<String> retries = new CopyOnWriteArrayList<>();
    PullListener listener = new PullListener() {
      @Override
      public void progress(PullProgress progress) { }

      @Override
      public void retrying(String file, int failures, int attempts, Duration wait, String reason) {
        retries.add(file + " " + failures + "/" + attempts + " " + wait.toMillis() + " " + reason);
      }
    };

    ModelException e = assertThrows(ModelException.class,
        () -> store().pull(TinyModel.entry(ID, server, "/tiny/"), listener, new CancellationToken()));

    assertEquals("model.onnx.data: server error (HTTP 500 from " + server.url(DATA) + ") (gave up after 3 attempts)",
        e.getMessage());
    assertEquals(3, server.requestsFor(DATA).size());
    String reason = "server error (HTTP 500 from " + server.url(DATA) + ")";
    assertEquals(List.of("model.onnx.data 1/3 10 " + reason, "model.onnx.data 2/3 20 " + reason), retries);
    assertNothingInstalled();
  }

  @Test
  void oneServerErrorIsRetriedAndTheFileStillArrives() throws Exception {
    server.failNext(DATA, FileServer.Fault.status(503));
    assertSameFiles(pull(TinyModel.entry(ID, server, "/tiny/")).dir());
  }

  @Test
  void slowServerStillCompletes() throws Exception {
    server.failAlways(DATA, FileServer.Fault.slow(16_384, 15));
    settings = settings.withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500));

    assertSameFiles(pull(TinyModel.entry(ID, server, "/tiny/")).dir());
  }

  @Test
  void stalledServerIsOneLineAfterItsAttempts() {
    server.failAlways(DATA, FileServer.Fault.stall());
    settings = settings.withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)).withRetries(2,
        Duration.ofMillis(10));

    ModelException e = pullFails(TinyModel.entry(ID, server, "/tiny/"));

    assertEquals("model.onnx.data: stalled: no data from 127.0.0.1 for 0.3 s (0 of " + DATA_SIZE
        + " bytes) (gave up after 2 attempts)", e.getMessage());
  }

  @Test
  void fullDiskFromTheKernelIsOneLine() throws Exception {
    Path staging = Files.createDirectories(models.resolve(".partial/tiny"));
    Files.createSymbolicLink(staging.resolve("model.onnx.data.part"), Path.of("/dev/full"));

    ModelException e = pullFails(TinyModel.entry(ID, server, "/tiny/"));

    assertTrue(e.getMessage().startsWith("model.onnx.data: cannot write " + staging.resolve("model.onnx.data.part")
        + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
  }

  @Test
  void tooLittleFreeSpaceIsRefusedBeforeAnyRequest() {
    settings = settings.withFreeSpace(dir -> 100_000, 50_000);

    ModelException e = pullFails(TinyModel.entry(ID, server, "/tiny/"));

    assertTrue(e.getMessage().startsWith("not enough disk space in " + models + ": the download needs "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("(and 50 kB kept free), 100 kB is free"), e.getMessage());
    assertEquals(List.of(), server.requests);
  }

  @Test
  void freeSpaceIsCheckedPerFileWhenTheCatalogHasNoSizes() {
    settings = settings.withFreeSpace(dir -> 150_000, 0);
    CatalogEntry entry = TinyModel.catalog(ID, false, true, s -> s.put("base_url", server.base() + "/tiny/"), f -> { })
        .models().get(0);

    ModelException e = pullFails(entry);

    assertTrue(e.getMessage().startsWith("model.onnx.data: not enough disk space in "), e.getMessage());
    assertEquals(1, server.requestsFor(DATA).size());
  }

  @Test
  void cancelKeepsTheDownloadAndTheNextPullResumesIt() throws Exception {
    server.failNext(DATA, FileServer.Fault.slow(8_192, 20));
    CountDownLatch started = new CountDownLatch(1);
    CatalogEntry entry = TinyModel.entry(ID, server, "/tiny/");
    PullTask task = store().pullAsync(entry, p -> {
      if (p.file().equals("model.onnx.data") && p.fileBytes() >= 16_384) {
        started.countDown();
      }
    });
    assertTrue(started.await(10, TimeUnit.SECONDS));

    task.cancel();

    ExecutionException e = assertThrows(ExecutionException.class, () -> task.result().get(10, TimeUnit.SECONDS));
    PullCancelledException cancelled = assertInstanceOf(PullCancelledException.class, e.getCause());
    assertTrue(cancelled.getMessage().startsWith("download of tiny cancelled; "), cancelled.getMessage());
    assertNothingInstalled();
    long kept = Files.size(models.resolve(".partial/tiny/model.onnx.data.part"));
    assertTrue(kept >= 16_384 && kept < DATA_SIZE, "kept " + kept);
    assertEquals(AvailableModel.State.PARTIAL,
        store().available(new Catalog("test", List.of(entry))).get(0).state());

    InstalledModel model = pull(entry);

    List<FileServer.Request> data = server.requestsFor(DATA);
    assertEquals("bytes=" + kept + "-", data.get(data.size() - 1).range());
    assertEquals(1, server.requestsFor("/tiny/model.onnx").size(), "verified files are not downloaded again");
    assertSameFiles(model.dir());
  }

  @Test
  void aSecondPullOfTheSameModelWaitsForNoOneAndSaysWhy() throws Exception {
    server.failNext(DATA, FileServer.Fault.slow(8_192, 20));
    CountDownLatch started = new CountDownLatch(1);
    CatalogEntry entry = TinyModel.entry(ID, server, "/tiny/");
    PullTask first = store().pullAsync(entry, p -> {
      if (p.file().equals("model.onnx.data")) {
        started.countDown();
      }
    });
    assertTrue(started.await(10, TimeUnit.SECONDS));

    ModelException e = assertThrows(ModelException.class, () -> pull(entry));

    assertEquals("model 'tiny' is being downloaded or imported right now (by this or another Pith)", e.getMessage());
    assertEquals(models.resolve(ID), first.result().get(10, TimeUnit.SECONDS).dir());
  }

  @Test
  void progressCountsEveryByteOfEveryFile() throws Exception {
    List<PullProgress> seen = new CopyOnWriteArrayList<>();
    store().pull(TinyModel.entry(ID, server, "/tiny/"), seen::add, new CancellationToken());

    PullProgress last = seen.get(seen.size() - 1);
    assertEquals(TinyModel.totalSize(), last.totalBytes());
    assertEquals(TinyModel.totalSize(), last.bytes());
    assertEquals(1.0, last.fraction());
    assertEquals(5, last.fileIndex());
    assertEquals(5, last.fileCount());
    assertTrue(seen.stream().anyMatch(p -> p.file().equals("model.onnx.data") && p.fileBytes() < p.fileTotal()));
    assertTrue(seen.stream().allMatch(p -> p.bytes() <= p.totalBytes()));
  }

  @Test
  void hubTokenGoesOnlyToTheHubAndTheMirrorLayoutIsUsed() throws Exception {
    String rev = "0123456789abcdef0123456789abcdef01234567";
    String prefix = "/pith-test/tiny/resolve/" + rev + "/";
    try (FileServer cdn = FileServer.start()) {
      TinyModel.serve(server, prefix);
      TinyModel.serve(cdn, "/cdn/");
      server.failAlways(prefix + "model.onnx.data", FileServer.Fault.redirect(cdn.url("/cdn/model.onnx.data")));
      settings = fast(new HubAccess(server.base(), "secret", ProxySelector.of(null)));
      CatalogEntry entry = TinyModel.catalog(ID, true, true, s -> s.put("repo", "pith-test/tiny").put("revision", rev),
          f -> {
            if (f.path("path").asText().equals("tokenizer.json")) {
              f.put("url", cdn.url("/cdn/tokenizer.json").toString());
            }
          }).models().get(0);

      assertSameFiles(pull(entry).dir());

      assertEquals(4, server.requests.size(), server.requests::toString);
      assertTrue(server.requests.stream().allMatch(r -> "Bearer secret".equals(r.authorization())));
      assertEquals(List.of("/cdn/model.onnx.data", "/cdn/tokenizer.json"),
          cdn.requests.stream().map(FileServer.Request::path).sorted().toList());
      assertTrue(cdn.requests.stream().allMatch(r -> r.authorization() == null), cdn.requests::toString);
    }
  }

  @Test
  void lfsEtagVerifiesFilesTheCatalogHasNoHashFor() throws Exception {
    TinyModel.contents().forEach((name, bytes) -> server.header("/tiny/" + name, "ETag",
        "\"" + TinyModel.sha256(bytes) + "\""));
    CatalogEntry entry = TinyModel.catalog(ID, false, false, s -> s.put("base_url", server.base() + "/tiny/"), f -> { })
        .models().get(0);

    Manifest manifest = pull(entry).manifest().orElseThrow();

    assertTrue(manifest.files().stream().allMatch(f -> f.checkedAgainst().equals(ManifestFile.SERVER)),
        manifest::toString);
  }

  @Test
  void linkedEtagOfTheHubRedirectIsCheckedAgainstTheCdnBytes() throws Exception {
    try (FileServer cdn = FileServer.start()) {
      TinyModel.serve(cdn, "/cdn/");
      String wrong = "ab".repeat(32);
      server.failAlways(DATA, FileServer.Fault.redirect(cdn.url("/cdn/model.onnx.data")));
      server.header(DATA, "X-Linked-Etag", "\"" + wrong + "\"");
      cdn.header("/cdn/model.onnx.data", "ETag", "\"not-a-sha\"");
      CatalogEntry entry = TinyModel.catalog(ID, true, false, s -> s.put("base_url", server.base() + "/tiny/"),
          f -> { }).models().get(0);

      ModelException e = pullFails(entry);

      assertTrue(e.getMessage().startsWith("model.onnx.data: SHA-256 mismatch, expected " + wrong + ", got "),
          e.getMessage());
    }
  }

  @Test
  void filesWithoutAnyStatedHashAreInstalledWithTheirComputedHash() throws Exception {
    CatalogEntry entry = TinyModel.catalog(ID, false, false, s -> s.put("base_url", server.base() + "/tiny/"), f -> { })
        .models().get(0);

    Manifest manifest = pull(entry).manifest().orElseThrow();

    ManifestFile data = manifest.files().stream().filter(f -> f.path().equals("model.onnx.data")).findFirst()
        .orElseThrow();
    assertEquals(ManifestFile.NONE, data.checkedAgainst());
    assertEquals(DATA_SIZE, data.size());
    assertEquals(TinyModel.sha256(TinyModel.contents().get("model.onnx.data")), data.sha256());
  }

  @Test
  void anInstalledModelIsNotDownloadedAgain() throws Exception {
    CatalogEntry entry = TinyModel.entry(ID, server, "/tiny/");
    pull(entry);
    int requests = server.requests.size();

    assertEquals(models.resolve(ID), pull(entry).dir());
    assertEquals(requests, server.requests.size());
  }

  @Test
  void npuModelsAreNotDownloadedByPith() throws Exception {
    Catalog catalog = Catalog.parse(new java.io.ByteArrayInputStream(("{\"schema\":1,\"models\":[{\"id\":\"q-hailo\","
        + "\"name\":\"Q\",\"backend\":\"hailo\",\"license\":\"Apache-2.0\",\"context_length\":2048,"
        + "\"hailo_names\":[\"qwen2.5-instruct:1.5b\",\"qwen2.5:1.5b\"]}]}").getBytes()), "test");

    ModelException e = pullFails(catalog.models().get(0));

    assertEquals("q-hailo runs on the NPU: hailo-ollama downloads it (as qwen2.5-instruct:1.5b or qwen2.5:1.5b);"
        + " Pith has nothing to download for it", e.getMessage());
  }

  @Test
  void unreachableServerIsOneLine() throws Exception {
    URI closed;
    try (FileServer gone = FileServer.start()) {
      closed = gone.base();
    }
    CatalogEntry entry = TinyModel.catalog(ID, true, true, s -> s.put("base_url", closed + "/tiny/"), f -> { })
        .models().get(0);

    ModelException e = pullFails(entry);

    assertTrue(e.getMessage().startsWith("genai_config.json: cannot connect to 127.0.0.1"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(gave up after 3 attempts)"), e.getMessage());
  }
}
