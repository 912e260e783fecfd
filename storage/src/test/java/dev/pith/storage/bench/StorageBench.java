package dev.pith.storage.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pith.storage.Backups;
import dev.pith.storage.Database;
import dev.pith.storage.StreamingAnswer;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.dao.SearchDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import dev.pith.storage.model.SearchHit;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The storage benchmark (a command, not a test): generates a chat history of {@code --conversations}
 * conversations and {@code --messages} messages through the real schema (or reuses one generated before
 * with the same size, seed and schema), then measures, on a fresh copy of it: start-up (quick_check,
 * Database.open cold and warm, backup, close), search by query class, opening a conversation (the last 200
 * messages of its thread), the sidebar, insert rates, a streaming answer's flushes alone and with
 * concurrent inserts, file size and what the search index takes of it, and the JVM heap. It prints
 * numbers and asserts nothing. Run it with {@code storage/bench}; see storage/BENCHMARKS.md.
 */
public final class StorageBench {
  /** Bump when the generated data changes for the same seed (Corpus or Plan edits). */
  static final int GENERATOR_VERSION = 1;
  static final int BATCH = 5_000;
  static final int GENERATION_CACHE_KIB = 256 * 1024;
  static final String INSERT = "INSERT INTO messages (id, conversation_id, parent_id, role, content, status, "
      + "error, created, updated, model_id, backend, prompt_tokens, generated_tokens, ttft_ms, decode_tps, "
      + "energy_j, avg_watts, power_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  record Config(Path dir, int conversations, int messages, int queries, int opens, long seed, boolean json,
      boolean regenerate, int streamSeconds, boolean cold, Set<String> phases, String readerPragmas) {}

  static final List<String> PHASES = List.of("startup", "reads", "writes");

  private final Config cfg;
  private final PrintStream log;
  private final Corpus corpus = new Corpus();
  private final Map<String, Object> results = new LinkedHashMap<>();
  private final HeapWatch heap = new HeapWatch();
  private Plan plan;

  private StorageBench(Config cfg) {
    this.cfg = cfg;
    this.log = cfg.json() ? System.err : System.out;
  }

  public static void main(String[] args) throws Exception {
    Config cfg;
    try {
      cfg = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    if (cfg == null) {
      System.out.println(usage());
      return;
    }
    new StorageBench(cfg).run();
    System.exit(0);
  }

  static String usage() {
    return """
        usage: storage/bench [--dir DIR] [--conversations 10000] [--messages 1000000] [--queries 200]
                             [--opens 200] [--seed 1] [--stream-seconds 20] [--phases startup,reads,writes]
                             [--regenerate] [--no-cold] [--json]
          --dir DIR        where the generated database (DIR/base-*) and the measured copy (DIR/run) live;
                           default /tmp/pith-storage-bench. A generated database with the same size, seed,
                           generator and schema is reused unless --regenerate.
          --phases LIST    which measurements to run (default all three, in that order)
          --reader-pragmas "cache_size=-32768;mmap_size=268435456"
                           what-if: pragmas applied to the reading connection before the read phase
          --no-cold        do not evict the file from the page cache before the cold start-up measurements
          --json           print one JSON object with every result (progress goes to stderr)""";
  }

  static Config parse(String[] args) {
    Path dir = Paths.get("/tmp/pith-storage-bench");
    int conversations = 10_000;
    int messages = 1_000_000;
    int queries = 200;
    int opens = 200;
    long seed = 1;
    boolean json = false;
    boolean regenerate = false;
    boolean cold = true;
    int streamSeconds = 20;
    Set<String> phases = new LinkedHashSet<>(PHASES);
    String readerPragmas = "";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--help", "-h" -> {
          return null;
        }
        case "--json" -> json = true;
        case "--regenerate" -> regenerate = true;
        case "--no-cold" -> cold = false;
        default -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("unknown option or missing value: " + a);
          }
          String v = args[++i];
          switch (a) {
            case "--dir" -> dir = Paths.get(v);
            case "--conversations" -> conversations = Integer.parseInt(v);
            case "--messages" -> messages = Integer.parseInt(v);
            case "--queries" -> queries = Integer.parseInt(v);
            case "--opens" -> opens = Integer.parseInt(v);
            case "--seed" -> seed = Long.parseLong(v);
            case "--stream-seconds" -> streamSeconds = Integer.parseInt(v);
            case "--reader-pragmas" -> readerPragmas = v;
            case "--phases" -> {
              phases = new LinkedHashSet<>(Arrays.asList(v.split(",")));
              if (!PHASES.containsAll(phases)) {
                throw new IllegalArgumentException("phases are " + String.join(",", PHASES) + ", got " + v);
              }
            }
            default -> throw new IllegalArgumentException("unknown option " + a);
          }
        }
      }
    }
    return new Config(dir.toAbsolutePath(), conversations, messages, queries, opens, seed, json, regenerate,
        streamSeconds, cold, phases, readerPragmas);
  }

  private void run() throws Exception {
    heap.start();
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("started", Instant.now().toString());
    setup.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    setup.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    setup.put("cpus", Runtime.getRuntime().availableProcessors());
    setup.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
    setup.put("sqlite", sqliteVersion());
    setup.put("conversations", cfg.conversations());
    setup.put("messages", cfg.messages());
    setup.put("seed", cfg.seed());
    results.put("setup", setup);

    long t0 = System.nanoTime();
    plan = new Plan(cfg.seed(), cfg.conversations(), cfg.messages());
    setup.put("plan_ms", ms(System.nanoTime() - t0));
    setup.put("long_conversations", plan.conversationsWithAtLeast(1_000).length);
    setup.put("largest_conversation", Arrays.stream(plan.size).max().orElse(0));

    Path base = prepareBase();
    Path runDir = cfg.dir().resolve("run");
    deleteTree(runDir);
    Files.createDirectories(runDir);
    Path file = runDir.resolve(Database.FILE_NAME);
    t0 = System.nanoTime();
    Files.copy(base.resolve(Database.FILE_NAME), file);
    setup.put("copy_ms", ms(System.nanoTime() - t0));
    say("measuring on a fresh copy: %s", file);

    setup.put("phases", cfg.phases());
    heap.resetPeak();
    if (cfg.phases().contains("startup")) {
      startup(file);
    }
    if (cfg.phases().contains("reads")) {
      reads(file);
    }
    if (cfg.phases().contains("writes")) {
      writes(file);
    }
    results.put("heap", heap.report());
    deleteTree(runDir.resolve(Database.BACKUP_DIR));

    if (cfg.json()) {
      System.out.println(new ObjectMapper().writeValueAsString(results));
    } else {
      say("");
      say("%s", new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results));
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Generation

  private Path prepareBase() throws Exception {
    String schema = schemaHash();
    Path base = cfg.dir().resolve(String.format("base-%d-%d-s%d-g%d-%s", cfg.conversations(), cfg.messages(),
        cfg.seed(), GENERATOR_VERSION, schema));
    Path meta = base.resolve("meta.json");
    ObjectMapper json = new ObjectMapper();
    if (!cfg.regenerate() && Files.isRegularFile(meta) && Files.isRegularFile(base.resolve(Database.FILE_NAME))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = json.readValue(meta.toFile(), Map.class);
      say("reusing the database generated %s in %s", m.get("generated_at"), base);
      m.put("reused", true);
      results.put("generation", m);
      return base;
    }
    deleteTree(base);
    Files.createDirectories(base);
    Map<String, Object> m = generate(base);
    m.put("schema", schema);
    m.put("file", describeFile(base.resolve(Database.FILE_NAME)));
    json.enable(SerializationFeature.INDENT_OUTPUT).writeValue(meta.toFile(), m);
    m.put("reused", false);
    results.put("generation", m);
    return base;
  }

  private Map<String, Object> generate(Path base) throws Exception {
    say("generating %,d conversations, %,d messages (seed %d) into %s", cfg.conversations(), cfg.messages(),
        cfg.seed(), base);
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("generated_at", Instant.now().toString());
    g.put("batch_rows", BATCH);
    long start = System.nanoTime();
    Database db = Database.open(base.resolve(Database.FILE_NAME), base.resolve("gen-backups"),
        Database.Options.defaults().withBackupOnClose(false));
    try {
      // Only for the generation's speed: the index pages of 1M rows do not fit the default 2 MB cache.
      db.writeAndWait("bench: cache", c -> {
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA cache_size = -" + GENERATION_CACHE_KIB);
        }
        return null;
      });
      g.put("writer_cache_kib", GENERATION_CACHE_KIB);
      db.writeAndWait("bench: conversations", c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversations (id, title, created, updated, "
            + "pinned, archived) VALUES (?, ?, ?, ?, ?, ?)")) {
          for (int k = 0; k < plan.conversations; k++) {
            SplittableRandom r = plan.conversationRandom(k);
            r.nextLong();
            int firstMsg = plan.first[k];
            int lastMsg = firstMsg + plan.size[k] - 1;
            ps.setString(1, plan.conversationId(k).toString());
            ps.setString(2, corpus.title(r));
            ps.setLong(3, plan.time(firstMsg).toEpochMilli());
            ps.setLong(4, plan.time(lastMsg).toEpochMilli());
            ps.setInt(5, r.nextInt(100) == 0 ? 1 : 0);
            ps.setInt(6, r.nextInt(100) < 3 ? 1 : 0);
            ps.addBatch();
          }
          ps.executeBatch();
        }
        return null;
      });
      List<Map<String, Object>> progress = new ArrayList<>();
      long chars = 0;
      long windowStart = System.nanoTime();
      int windowRows = 0;
      int step = Math.max(BATCH, cfg.messages() / 10 / BATCH * BATCH);
      for (int from = 0; from < plan.messages; from += BATCH) {
        int to = Math.min(plan.messages, from + BATCH);
        int f = from;
        chars += db.writeAndWait("bench: messages", c -> insertMessages(c, f, to));
        windowRows += to - from;
        if (to % step == 0 || to == plan.messages) {
          long now = System.nanoTime();
          double rate = windowRows / ((now - windowStart) / 1e9);
          Map<String, Object> p = new LinkedHashMap<>();
          p.put("rows", to);
          p.put("rows_per_s", Math.round(rate));
          progress.add(p);
          say("  %,9d rows  %,7.0f rows/s  (%.0f s)", to, rate, (now - start) / 1e9);
          windowStart = now;
          windowRows = 0;
        }
      }
      g.put("progress", progress);
      g.put("content_chars", chars);
    } finally {
      long c0 = System.nanoTime();
      db.close();
      g.put("close_ms", ms(System.nanoTime() - c0));
    }
    deleteTree(base.resolve("gen-backups"));
    double secs = (System.nanoTime() - start) / 1e9;
    g.put("seconds", Math.round(secs * 10) / 10.0);
    g.put("rows_per_s", Math.round(cfg.messages() / secs));
    say("generated in %.0f s (%,.0f rows/s)", secs, cfg.messages() / secs);
    return g;
  }

  /** Inserts messages {@code order[from..to)}; returns the characters written. */
  private long insertMessages(Connection c, int from, int to) throws SQLException {
    long chars = 0;
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (int k = from; k < to; k++) {
        int i = plan.order[k];
        SplittableRandom r = plan.random(i);
        boolean user = plan.role[i] == Plan.USER;
        String text = user ? corpus.question(r) : corpus.answer(r);
        chars += text.length();
        long t = plan.time(i).toEpochMilli();
        ps.setString(1, plan.messageId(i).toString());
        ps.setString(2, plan.conversationId(plan.conversation[i]).toString());
        ps.setString(3, plan.parent[i] < 0 ? null : plan.messageId(plan.parent[i]).toString());
        ps.setString(4, user ? "user" : "assistant");
        ps.setString(5, text);
        int fate = r.nextInt(100);
        String status = user || fate < 97 ? "complete" : fate < 99 ? "cancelled" : "error";
        ps.setString(6, status);
        ps.setString(7, status.equals("error") ? "The model ran out of memory." : null);
        ps.setLong(8, t);
        ps.setLong(9, user ? t : t + 1_000 + text.length() * 20L);
        if (user) {
          for (int col = 10; col <= 18; col++) {
            ps.setNull(col, java.sql.Types.NULL);
          }
        } else {
          boolean hailo = r.nextInt(3) == 0;
          ps.setString(10, r.nextInt(4) == 0 ? "deepseek-r1-distill-qwen-1.5b" : "qwen2.5-1.5b-instruct");
          ps.setString(11, hailo ? "hailo" : "cpu");
          ps.setInt(12, 20 + r.nextInt(3_000));
          ps.setInt(13, text.length() / 4);
          ps.setDouble(14, 150 + r.nextInt(2_000));
          ps.setDouble(15, 6 + r.nextDouble() * 10);
          ps.setDouble(16, r.nextDouble() * 50);
          ps.setDouble(17, 2 + r.nextDouble() * 6);
          ps.setString(18, hailo ? null : "pmic");
        }
        ps.executeUpdate();
      }
    }
    return chars;
  }

  /** A hash of the schema a new database gets: a generated file is reused only with the same schema. */
  private static String schemaHash() throws Exception {
    Path tmp = Files.createTempDirectory("pith-bench-schema");
    try {
      Database db = Database.open(tmp.resolve(Database.FILE_NAME), tmp.resolve("b"),
          Database.Options.defaults().withBackupOnClose(false));
      String sql;
      try {
        sql = db.read(c -> {
          try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
              "SELECT group_concat(type || ' ' || name || ' ' || coalesce(sql, ''), ';') FROM "
                  + "(SELECT * FROM sqlite_schema ORDER BY type, name)")) {
            return rs.next() ? rs.getString(1) : "";
          }
        });
      } finally {
        db.close();
      }
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 8);
    } finally {
      deleteTree(tmp);
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Start-up

  private void startup(Path file) throws Exception {
    say("start-up: quick_check, Database.open cold and warm, backup, close");
    Map<String, Object> s = new LinkedHashMap<>();
    Path backups = file.resolveSibling(Database.BACKUP_DIR);
    boolean cold = cfg.cold() && evict(file);
    s.put("cold_means", cold ? "pith.db evicted from the OS page cache first (dd iflag=nocache)" : "not measured");
    if (cold) {
      s.put("quick_check_cold_ms", time(() -> quickCheck(file)));
    }
    s.put("quick_check_warm_ms", time(() -> quickCheck(file)));
    s.put("quick_check_warm_again_ms", time(() -> quickCheck(file)));

    Database.Options options = Database.Options.defaults();
    if (cold) {
      evict(file);
      long t = System.nanoTime();
      Database db = Database.open(file, backups, options);
      s.put("open_cold_ms", ms(System.nanoTime() - t));
      // The first open of a file without backups schedules one a second later; take it now, timed.
      t = System.nanoTime();
      Backups.Backup b = db.backupNow();
      s.put("backup_ms", ms(System.nanoTime() - t));
      s.put("backup_bytes", Files.size(b.file()));
      t = System.nanoTime();
      db.close();
      s.put("close_no_writes_ms", ms(System.nanoTime() - t));
    }
    long t = System.nanoTime();
    Database db = Database.open(file, backups, options);
    s.put("open_warm_ms", ms(System.nanoTime() - t));
    if (!s.containsKey("backup_ms")) {
      t = System.nanoTime();
      Backups.Backup b = db.backupNow();
      s.put("backup_ms", ms(System.nanoTime() - t));
      s.put("backup_bytes", Files.size(b.file()));
    }
    UUID someConversation = plan.conversationId(0);
    db.writeAndWait("bench: one message", c -> {
      UUID leaf = new MessageDao(c).newestLeaf(someConversation).orElse(null);
      new MessageDao(c).insert(Message.written(someConversation, leaf, Role.USER, "One more question?",
          Instant.now()));
      return null;
    });
    t = System.nanoTime();
    List<Path> backupsBeforeClose = backupFiles(backups);
    db.close();
    s.put("close_after_a_write_ms", ms(System.nanoTime() - t));
    // A clean exit backs up at most once a day: right after backupNow() it should not.
    s.put("close_took_a_backup", !backupFiles(backups).equals(backupsBeforeClose));
    results.put("startup", s);
    say("  quick_check cold %s ms, warm %s ms; open cold %s ms, warm %s ms; backup %s ms (%s MB); close after a"
            + " write %s ms", s.get("quick_check_cold_ms"), s.get("quick_check_warm_ms"), s.get("open_cold_ms"),
        s.get("open_warm_ms"), s.get("backup_ms"), mb((Long) s.get("backup_bytes")),
        s.get("close_after_a_write_ms"));
  }

  private static List<Path> backupFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".db")).sorted().toList();
    }
  }


  private static void quickCheck(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check(5)")) {
      rs.next();
      if (!"ok".equals(rs.getString(1))) {
        throw new IllegalStateException("quick_check: " + rs.getString(1));
      }
    }
  }

  /** Drops {@code file} (and its WAL) from the OS page cache; false when that is not possible here. */
  private boolean evict(Path file) {
    try {
      for (Path f : List.of(file, file.resolveSibling(file.getFileName() + "-wal"))) {
        if (!Files.exists(f)) {
          continue;
        }
        Process sync = new ProcessBuilder("sync", f.toString()).inheritIO().start();
        Process dd = null;
        if (sync.waitFor() == 0) {
          dd = new ProcessBuilder("dd", "if=" + f, "iflag=nocache", "count=0", "status=none").inheritIO().start();
        }
        if (dd == null || dd.waitFor() != 0) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Reads

  record Query(String kind, String text) {}

  private void reads(Path file) throws Exception {
    Database db = Database.open(file, file.resolveSibling(Database.BACKUP_DIR), Database.Options.defaults());
    try {
      if (!cfg.readerPragmas().isBlank()) {
        // Reads run on one pooled connection here (one thread): these reach it.
        db.read(c -> {
          try (Statement s = c.createStatement()) {
            for (String pragma : cfg.readerPragmas().split(";")) {
              if (!pragma.isBlank()) {
                s.execute("PRAGMA " + pragma.trim());
              }
            }
          }
          return null;
        });
        results.put("reader_pragmas", cfg.readerPragmas());
        say("reader pragmas: %s", cfg.readerPragmas());
      }
      SplittableRandom warmR = new SplittableRandom(cfg.seed() + 101);
      List<Query> warm = queries(Math.max(20, cfg.queries() / 4), warmR);
      say("warm-up: %d searches, %d opens", warm.size(), Math.max(20, cfg.opens() / 4));
      for (Query q : warm) {
        db.read(c -> new SearchDao(c).search(q.text(), 20, "[", "]"));
      }
      opens(db, Math.max(20, cfg.opens() / 4), new SplittableRandom(cfg.seed() + 102));

      List<Query> qs = queries(cfg.queries(), new SplittableRandom(cfg.seed() + 201));
      say("search: %d queries", qs.size());
      Map<String, Timings> byKind = new LinkedHashMap<>();
      Map<String, long[]> hits = new LinkedHashMap<>();
      Timings all = new Timings();
      Timings allCpu = new Timings();
      Map<String, Timings> byKindCpu = new LinkedHashMap<>();
      List<Map<String, Object>> slowest = new ArrayList<>();
      for (Query q : qs) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        List<SearchHit> found = db.read(c -> new SearchDao(c).search(q.text(), 20, "[", "]"));
        long dt = System.nanoTime() - t;
        long dcpu = THREADS.getCurrentThreadCpuTime() - cpu;
        allCpu.addNanos(dcpu);
        byKindCpu.computeIfAbsent(q.kind(), k -> new Timings()).addNanos(dcpu);
        all.addNanos(dt);
        byKind.computeIfAbsent(q.kind(), k -> new Timings()).addNanos(dt);
        long[] h = hits.computeIfAbsent(q.kind(), k -> new long[2]);
        h[0] += found.size();
        h[1] += found.isEmpty() ? 1 : 0;
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("kind", q.kind());
        one.put("query", q.text());
        one.put("ms", ms(dt));
        one.put("cpu_ms", ms(dcpu));
        one.put("hits", found.size());
        slowest.add(one);
      }
      List<Map<String, Object>> every = new ArrayList<>(slowest);
      slowest.sort(Comparator.comparingDouble((Map<String, Object> m) -> (Double) m.get("ms")).reversed());
      Map<String, Object> search = new LinkedHashMap<>(all.summary());
      Map<String, Object> kinds = new LinkedHashMap<>();
      for (var e : byKind.entrySet()) {
        Map<String, Object> k = new LinkedHashMap<>(e.getValue().summary());
        long[] h = hits.get(e.getKey());
        k.put("mean_hits", Math.round(10.0 * h[0] / e.getValue().count()) / 10.0);
        k.put("no_hits", h[1]);
        k.put("cpu", byKindCpu.get(e.getKey()).summary());
        kinds.put(e.getKey(), k);
        say("  %-12s %s  hits %.1f  (cpu p95 %.2f)", e.getKey(), e.getValue().line(),
            (double) h[0] / e.getValue().count(), byKindCpu.get(e.getKey()).percentile(95));
      }
      say("  %-12s %s", "all", all.line());
      say("  %-12s %s", "all, cpu", allCpu.line());
      search.put("cpu", allCpu.summary());
      search.put("by_kind", kinds);
      search.put("slowest", slowest.subList(0, Math.min(10, slowest.size())));
      search.put("queries", every);
      results.put("search", search);

      say("open a conversation: %d opens of the last 200 messages", cfg.opens());
      results.put("open", opens(db, cfg.opens(), new SplittableRandom(cfg.seed() + 202)));

      Timings sidebar = new Timings();
      for (int i = 0; i < 100; i++) {
        long t = System.nanoTime();
        db.read(c -> new ConversationDao(c).recent(50, false));
        sidebar.addNanos(System.nanoTime() - t);
      }
      say("  sidebar      %s", sidebar.line());
      results.put("sidebar_recent_50", sidebar.summary());
    } finally {
      db.close();
    }
  }

  private Map<String, Object> opens(Database db, int n, SplittableRandom r) {
    int[] longOnes = plan.conversationsWithAtLeast(1_000);
    Timings all = new Timings();
    Timings longT = new Timings();
    Timings other = new Timings();
    Timings cpu = new Timings();
    long messages = 0;
    for (int i = 0; i < n; i++) {
      int c = i % 4 == 0 && longOnes.length > 0 ? longOnes[r.nextInt(longOnes.length)] : r.nextInt(plan.conversations);
      UUID id = plan.conversationId(c);
      long c0 = THREADS.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      List<Message> thread = db.read(x -> new MessageDao(x).thread(id, 200));
      long dt = System.nanoTime() - t;
      cpu.addNanos(THREADS.getCurrentThreadCpuTime() - c0);
      messages += thread.size();
      all.addNanos(dt);
      (plan.size[c] >= 1_000 ? longT : other).addNanos(dt);
    }
    Map<String, Object> m = new LinkedHashMap<>(all.summary());
    m.put("mean_messages", Math.round(10.0 * messages / n) / 10.0);
    m.put("long_conversations", longT.summary());
    m.put("other_conversations", other.summary());
    m.put("cpu", cpu.summary());
    say("  long         %s", longT.line());
    say("  other        %s", other.line());
    say("  all          %s  (%.0f messages on average)", all.line(), (double) messages / n);
    say("  all, cpu     %s", cpu.line());
    return m;
  }

  private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final Pattern IDENTIFIER = Pattern.compile("\\b[a-z]{3,}[A-Z][a-z]{2,}\\b");
  private static final Pattern PLAIN_WORDS = Pattern.compile("[a-z]+(?: [a-z]+)+");

  /**
   * The query mix: rare words and identifiers, mid-frequency words, the top-10 words, two words, quoted
   * phrases taken from the text, partial words (as typed half-way) and punctuation-laden input.
   */
  private List<Query> queries(int n, SplittableRandom r) {
    String[] kinds = {"rare", "mid", "common", "two_words", "phrase", "partial", "punctuation"};
    double[] share = {0.15, 0.15, 0.15, 0.20, 0.125, 0.10, 0.125};
    List<Query> out = new ArrayList<>();
    for (int k = 0; k < kinds.length; k++) {
      int count = k == kinds.length - 1 ? n - out.size() : (int) Math.round(n * share[k]);
      for (int j = 0; j < count; j++) {
        out.add(new Query(kinds[k], query(kinds[k], j, r)));
      }
    }
    // Interleave the classes so that no class runs only cold or only warm.
    for (int i = out.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      Query t = out.get(i);
      out.set(i, out.get(j));
      out.set(j, t);
    }
    return out;
  }

  private String query(String kind, int j, SplittableRandom r) {
    return switch (kind) {
      case "rare" -> j % 2 == 0 ? corpus.word(4_000 + r.nextInt(corpus.size() - 4_000)) : identifierFromText(r);
      case "mid" -> corpus.word(100 + r.nextInt(900));
      case "common" -> corpus.word(j % 10);
      case "two_words" -> switch (j % 5) {
        case 0 -> corpus.word(r.nextInt(10)) + " " + corpus.word(100 + r.nextInt(900));
        case 1 -> corpus.word(100 + r.nextInt(900)) + " " + corpus.word(100 + r.nextInt(900));
        case 2 -> corpus.word(r.nextInt(10)) + " " + corpus.word(4_000 + r.nextInt(corpus.size() - 4_000));
        case 3 -> corpus.word(20 + r.nextInt(200)) + " " + identifierFromText(r);
        default -> corpus.word(r.nextInt(10)) + " " + corpus.word(r.nextInt(10));
      };
      case "phrase" -> "\"" + phraseFromText(r) + "\"";
      case "partial" -> {
        String w;
        do {
          w = corpus.word(50 + r.nextInt(3_000));
        } while (w.length() < 6);
        String p = w.substring(0, 3 + r.nextInt(w.length() - 4));
        yield j % 3 == 0 ? p.toUpperCase(Locale.ROOT) : p;
      }
      default -> {
        String a = corpus.word(r.nextInt(500));
        String b = corpus.word(100 + r.nextInt(2_000));
        yield switch (j % 13) {
          case 0 -> "c++ \"" + b;
          case 1 -> "std::vector<" + b + ">";
          case 2 -> "what's " + b;
          case 3 -> "(" + b + ")";
          case 4 -> "--" + b;
          case 5 -> "e.g. " + b;
          case 6 -> b + "()";
          case 7 -> "#include <" + b + ".h>";
          case 8 -> "NEAR(" + a + " " + b + ")";
          case 9 -> a + ":" + b;
          case 10 -> a + " AND " + b + " OR NOT " + corpus.word(r.nextInt(100));
          case 11 -> b + "-" + a + "*";
          default -> "c++ \"foo";
        };
      }
    };
  }

  /** Text of a random message exactly as generated. */
  private String textOf(int i) {
    SplittableRandom m = plan.random(i);
    return plan.role[i] == Plan.USER ? corpus.question(m) : corpus.answer(m);
  }

  private String identifierFromText(SplittableRandom r) {
    for (int tries = 0; tries < 200; tries++) {
      Matcher m = IDENTIFIER.matcher(textOf(r.nextInt(plan.messages)));
      List<String> found = new ArrayList<>();
      while (m.find()) {
        found.add(m.group());
      }
      if (!found.isEmpty()) {
        return found.get(r.nextInt(found.size()));
      }
    }
    return corpus.identifier(r);
  }

  private String phraseFromText(SplittableRandom r) {
    int len = 2 + r.nextInt(2);
    for (int tries = 0; tries < 200; tries++) {
      Matcher m = PLAIN_WORDS.matcher(textOf(r.nextInt(plan.messages)));
      List<String> runs = new ArrayList<>();
      while (m.find()) {
        String[] w = m.group().split(" ");
        if (w.length >= len) {
          int s = r.nextInt(w.length - len + 1);
          runs.add(String.join(" ", Arrays.copyOfRange(w, s, s + len)));
        }
      }
      if (!runs.isEmpty()) {
        return runs.get(r.nextInt(runs.size()));
      }
    }
    return corpus.word(r) + " " + corpus.word(r);
  }

  // ---------------------------------------------------------------------------------------------------
  // Writes

  private void writes(Path file) throws Exception {
    Path backups = file.resolveSibling(Database.BACKUP_DIR);
    Database db = Database.open(file, backups, Database.Options.defaults());
    Map<String, Object> w = new LinkedHashMap<>();
    results.put("writes", w);
    try {
      w.put("bulk_insert", bulk(db, 20_000));
      w.put("single_row_inserts", singleRows(db, 5));
      say("streaming alone, %d s", cfg.streamSeconds());
      w.put("streaming_alone", stream(db, file, false));
      say("streaming with concurrent inserts, %d s", cfg.streamSeconds());
      w.put("streaming_with_inserts", stream(db, file, true));
    } finally {
      Map<String, Object> sizes = new LinkedHashMap<>();
      sizes.put("db_bytes", Files.size(file));
      Path wal = file.resolveSibling(file.getFileName() + "-wal");
      sizes.put("wal_bytes", Files.exists(wal) ? Files.size(wal) : 0);
      long t = System.nanoTime();
      db.close();
      sizes.put("close_ms_with_backup", ms(System.nanoTime() - t));
      sizes.put("db_bytes_after_close", Files.size(file));
      w.put("files_after_writes", sizes);
      say("  close after the write phase (takes a backup): %s ms", sizes.get("close_ms_with_backup"));
    }
  }

  /** New conversations of 1,000 messages each, {@link #BATCH} rows per transaction, as the generator does. */
  private Map<String, Object> bulk(Database db, int rows) {
    SplittableRandom r = new SplittableRandom(cfg.seed() + 301);
    Instant now = Instant.now();
    long t = System.nanoTime();
    for (int done = 0; done < rows; done += BATCH) {
      int n = Math.min(BATCH, rows - done);
      db.writeAndWait("bench: bulk", c -> {
        UUID conv = UUID.randomUUID();
        new ConversationDao(c).insert(new Conversation(conv, corpus.title(r), now, now, false, false));
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
          String parent = null;
          for (int k = 0; k < n; k++) {
            boolean user = k % 2 == 0;
            String id = UUID.randomUUID().toString();
            ps.setString(1, id);
            ps.setString(2, conv.toString());
            ps.setString(3, parent);
            ps.setString(4, user ? "user" : "assistant");
            ps.setString(5, user ? corpus.question(r) : corpus.answer(r));
            ps.setString(6, "complete");
            ps.setString(7, null);
            ps.setLong(8, now.toEpochMilli());
            ps.setLong(9, now.toEpochMilli());
            for (int col = 10; col <= 18; col++) {
              ps.setNull(col, java.sql.Types.NULL);
            }
            ps.executeUpdate();
            parent = id;
          }
        }
        return null;
      });
    }
    double secs = (System.nanoTime() - t) / 1e9;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", rows);
    m.put("rows_per_transaction", BATCH);
    m.put("rows_per_s", Math.round(rows / secs));
    say("bulk insert: %,d rows in %.1f s: %,.0f rows/s", rows, secs, rows / secs);
    return m;
  }

  /** One user message per transaction through MessageDao.insert, back to back, for {@code seconds}. */
  private Map<String, Object> singleRows(Database db, int seconds) {
    Inserter ins = new Inserter(db, new SplittableRandom(cfg.seed() + 302));
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      ins.insertOne();
    }
    Map<String, Object> m = ins.report(seconds);
    say("single-row transactions: %s rows/s, %s", m.get("rows_per_s"), ins.latency.line());
    return m;
  }

  /** Inserts user messages, one transaction each, into a conversation of its own. */
  private final class Inserter {
    final Database db;
    final SplittableRandom r;
    final Timings latency = new Timings();
    final UUID conversation = UUID.randomUUID();
    UUID parent;
    long rows;

    Inserter(Database db, SplittableRandom r) {
      this.db = db;
      this.r = r;
      Instant now = Instant.now();
      db.writeAndWait("bench: inserter", c -> {
        new ConversationDao(c).insert(new Conversation(conversation, "inserts", now, now, false, false));
        return null;
      });
    }

    void insertOne() {
      Message m = Message.written(conversation, parent, Role.USER, corpus.question(r), Instant.now());
      long t = System.nanoTime();
      db.writeAndWait("bench: insert", c -> {
        new MessageDao(c).insert(m);
        return null;
      });
      latency.addNanos(System.nanoTime() - t);
      parent = m.id();
      rows++;
    }

    Map<String, Object> report(double seconds) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rows", rows);
      m.put("rows_per_s", Math.round(rows / seconds));
      m.put("latency", latency.summary());
      return m;
    }
  }

  /** One streamed answer: when each piece was appended and the text length after it. */
  private static final class Tracked {
    final UUID id;
    final long[] appendNanos;
    final int[] lengthAfter;
    volatile int appended;
    volatile long finishCalledNanos;
    final List<long[]> commits = new ArrayList<>(); // {nanos, length, streaming 1/0, wall micros - updated ms}
    volatile boolean done;

    Tracked(UUID id, int pieces) {
      this.id = id;
      this.appendNanos = new long[pieces];
      this.lengthAfter = new int[pieces];
    }
  }

  /**
   * Streams answers at 50 pieces/s (one every 20 ms) through StreamingAnswer for the configured time; a
   * watcher on its own connection polls {@code PRAGMA data_version} every ~0.5 ms and, when the answer's
   * stored length changes, notes when the flush became visible. With {@code inserts}, another thread
   * inserts user messages back to back meanwhile.
   */
  private Map<String, Object> stream(Database db, Path file, boolean inserts) throws Exception {
    SplittableRandom r = new SplittableRandom(cfg.seed() + (inserts ? 402 : 401));
    UUID conversation = UUID.randomUUID();
    Instant now = Instant.now();
    List<Tracked> answers = new ArrayList<>();
    List<Tracked> live = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread watcher = new Thread(() -> watch(file, live, stop), "bench-watcher");
    watcher.setDaemon(true);
    watcher.start();
    Inserter ins = inserts ? new Inserter(db, new SplittableRandom(cfg.seed() + 403)) : null;
    Thread inserter = null;
    if (ins != null) {
      inserter = new Thread(() -> {
        while (!stop.get()) {
          ins.insertOne();
        }
      }, "bench-inserter");
      inserter.setDaemon(true);
    }
    UUID question = db.writeAndWait("bench: stream question", c -> {
      new ConversationDao(c).insert(new Conversation(conversation, "streaming", now, now, false, false));
      Message q = Message.written(conversation, null, Role.USER, "Tell me a long story?", now);
      new MessageDao(c).insert(q);
      return q.id();
    });
    ScheduledExecutorService tick = Executors.newSingleThreadScheduledExecutor(rr -> {
      Thread t = new Thread(rr, "bench-decoder");
      t.setDaemon(true);
      return t;
    });
    long start = System.nanoTime();
    long end = start + cfg.streamSeconds() * 1_000_000_000L;
    if (inserter != null) {
      inserter.start();
    }
    List<CompletableFuture<Message>> finishes = new ArrayList<>();
    CompletableFuture<Void> over = new CompletableFuture<>();
    Runnable decoder = new Runnable() {
      StreamingAnswer answer;
      Tracked tracked;
      List<String> pieces;
      int next;

      @Override
      public void run() {
        try {
          if (answer == null) {
            if (System.nanoTime() >= end) {
              over.complete(null);
              throw new IllegalStateException("done");
            }
            pieces = Corpus.tokens(corpus.answer(r) + "\n\n" + corpus.answer(r));
            answer = StreamingAnswer.start(db, conversation, question, "bench", "cpu");
            tracked = new Tracked(answer.id(), pieces.size());
            answers.add(tracked);
            live.add(tracked);
            next = 0;
          }
          answer.append(pieces.get(next));
          tracked.appendNanos[next] = System.nanoTime();
          tracked.lengthAfter[next] = (next == 0 ? 0 : tracked.lengthAfter[next - 1]) + pieces.get(next).length();
          tracked.appended = ++next;
          if (next == pieces.size() || System.nanoTime() >= end) {
            tracked.finishCalledNanos = System.nanoTime();
            finishes.add(answer.finish(MessageStatus.COMPLETE, null, MessageMetrics.NONE));
            answer = null;
          }
        } catch (RuntimeException e) {
          if (!over.isDone()) {
            over.completeExceptionally(e);
          }
          throw e;
        }
      }
    };
    tick.scheduleAtFixedRate(decoder, 0, 20, TimeUnit.MILLISECONDS);
    try {
      over.get(cfg.streamSeconds() + 120L, TimeUnit.SECONDS);
    } finally {
      tick.shutdownNow();
    }
    double secs = (System.nanoTime() - start) / 1e9;
    stop.set(true);
    if (inserter != null) {
      inserter.join();
    }
    CompletableFuture.allOf(finishes.toArray(new CompletableFuture[0])).join();
    long settle = System.nanoTime() + 200_000_000L;
    while (System.nanoTime() < settle && answers.stream().anyMatch(a -> !a.done)) {
      Thread.sleep(5);
    }
    watcher.join();

    Timings latency = new Timings();
    Timings beyondWindow = new Timings();
    Timings writeTx = new Timings();
    Timings finishLatency = new Timings();
    Timings gaps = new Timings();
    int flushes = 0;
    long chars = 0;
    int maxPerSecond = 0;
    List<Long> flushTimes = new ArrayList<>();
    for (Tracked a : answers) {
      int prevLen = 0;
      long prevCommit = -1;
      chars += a.appended == 0 ? 0 : a.lengthAfter[a.appended - 1];
      for (long[] c : a.commits) {
        if (c[2] == 0) {
          finishLatency.addNanos(c[0] - a.finishCalledNanos);
          continue;
        }
        int len = (int) c[1];
        if (len <= prevLen) {
          continue;
        }
        int firstUnsaved = 0;
        while (firstUnsaved < a.appended && a.lengthAfter[firstUnsaved] <= prevLen) {
          firstUnsaved++;
        }
        long lat = c[0] - a.appendNanos[firstUnsaved];
        latency.addNanos(lat);
        beyondWindow.add(Math.max(0, lat / 1e6 - StreamingAnswer.FLUSH_MILLIS));
        writeTx.add(c[3] / 1000.0);
        if (prevCommit >= 0) {
          gaps.addNanos(c[0] - prevCommit);
        }
        prevCommit = c[0];
        flushTimes.add(c[0]);
        prevLen = len;
        flushes++;
      }
    }
    flushTimes.sort(Long::compare);
    for (int i = 0, j = 0; i < flushTimes.size(); i++) {
      while (flushTimes.get(i) - flushTimes.get(j) >= 1_000_000_000L) {
        j++;
      }
      maxPerSecond = Math.max(maxPerSecond, i - j + 1);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seconds", Math.round(secs * 10) / 10.0);
    m.put("answers", answers.size());
    m.put("chars_streamed", chars);
    m.put("pieces_per_s", Math.round(answers.stream().mapToLong(a -> a.appended).sum() / secs));
    m.put("flushes", flushes);
    m.put("flushes_per_s", Math.round(100.0 * flushes / secs) / 100.0);
    m.put("most_flushes_in_any_1s", maxPerSecond);
    m.put("flush_scheduled_to_visible", latency.summary());
    m.put("flush_beyond_250ms_window", beyondWindow.summary());
    m.put("flush_write_to_visible", writeTx.summary());
    m.put("time_between_flushes", gaps.summary());
    m.put("finish_to_visible", finishLatency.summary());
    say("  %d answers, %d flushes (%.2f/s, at most %d in any second)", answers.size(), flushes, flushes / secs,
        maxPerSecond);
    say("  flush scheduled->visible %s", latency.line());
    say("  flush write->visible     %s", writeTx.line());
    say("  finish->visible          %s", finishLatency.line());
    if (ins != null) {
      Map<String, Object> im = ins.report(secs);
      m.put("concurrent_inserts", im);
      say("  concurrent single-row inserts: %s rows/s, %s", im.get("rows_per_s"), ins.latency.line());
    }
    return m;
  }

  /** Polls data_version; on a change, records each live answer's stored length. */
  private void watch(Path file, List<Tracked> live, AtomicBoolean stop) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement version = c.prepareStatement("PRAGMA data_version");
        PreparedStatement row = c.prepareStatement(
            "SELECT length(content), status, updated FROM messages WHERE id = ?")) {
      long last = -1;
      long idleUntil = Long.MAX_VALUE;
      while (true) {
        long v;
        try (ResultSet rs = version.executeQuery()) {
          rs.next();
          v = rs.getLong(1);
        }
        if (v != last) {
          last = v;
          long nanos = System.nanoTime();
          Instant wall = Instant.now();
          for (Tracked a : live) {
            row.setString(1, a.id.toString());
            try (ResultSet rs = row.executeQuery()) {
              if (!rs.next()) {
                continue;
              }
              int len = rs.getInt(1);
              boolean streaming = "streaming".equals(rs.getString(2));
              long updated = rs.getLong(3);
              long wallMicros = wall.getEpochSecond() * 1_000_000L + wall.getNano() / 1_000;
              long[] lastSeen = a.commits.isEmpty() ? null : a.commits.get(a.commits.size() - 1);
              if (lastSeen == null || lastSeen[1] != len || (lastSeen[2] == 1) != streaming) {
                a.commits.add(new long[] {nanos, len, streaming ? 1 : 0, wallMicros - updated * 1_000});
              }
              if (!streaming) {
                a.done = true;
                live.remove(a);
              }
            }
          }
        }
        if (stop.get()) {
          if (idleUntil == Long.MAX_VALUE) {
            idleUntil = System.nanoTime() + 300_000_000L;
          }
          if (live.isEmpty() || System.nanoTime() > idleUntil) {
            return;
          }
        }
        LockSupport.parkNanos(500_000);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Files

  /** Size of the file and of what is in it, by b-tree (the dbstat virtual table). */
  private Map<String, Object> describeFile(Path file) throws SQLException, IOException {
    Map<String, Object> f = new LinkedHashMap<>();
    long bytes = Files.size(file);
    f.put("bytes", bytes);
    f.put("bytes_per_message", Math.round((double) bytes / cfg.messages()));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      Map<String, Long> groups = new LinkedHashMap<>();
      Map<String, Long> trees = new LinkedHashMap<>();
      try (ResultSet rs = s.executeQuery(
          "SELECT name, pgsize FROM dbstat WHERE aggregate = TRUE ORDER BY pgsize DESC")) {
        while (rs.next()) {
          String name = rs.getString(1);
          long size = rs.getLong(2);
          trees.put(name, size);
          String group = name.startsWith("message_search") ? "search_index"
              : name.equals("messages") ? "messages_table"
              : name.startsWith("messages_") || name.equals("sqlite_autoindex_messages_1") ? "messages_indexes"
              : name.contains("conversations") ? "conversations" : "other";
          groups.merge(group, size, Long::sum);
        }
      }
      long free;
      try (ResultSet rs = s.executeQuery("SELECT (SELECT freelist_count FROM pragma_freelist_count)"
          + " * (SELECT page_size FROM pragma_page_size)")) {
        rs.next();
        free = rs.getLong(1);
      }
      groups.put("free_pages", free);
      f.put("by_part_bytes", groups);
      f.put("search_index_share", Math.round(1000.0 * groups.getOrDefault("search_index", 0L) / bytes) / 10.0);
      f.put("by_btree_bytes", trees);
      try (ResultSet rs = s.executeQuery("SELECT sum(length(CAST(content AS BLOB))) FROM messages")) {
        rs.next();
        f.put("content_bytes", rs.getLong(1));
      }
    }
    say("file: %s MB (%s bytes/message), search index %s%%", mb(bytes), f.get("bytes_per_message"),
        f.get("search_index_share"));
    return f;
  }

  // ---------------------------------------------------------------------------------------------------
  // Helpers

  /** Samples the used heap every 20 ms; the peak since the last reset. */
  private static final class HeapWatch {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong peakAll = new AtomicLong();

    void start() {
      Thread t = new Thread(() -> {
        while (true) {
          long used = memory.getHeapMemoryUsage().getUsed();
          peak.accumulateAndGet(used, Math::max);
          peakAll.accumulateAndGet(used, Math::max);
          LockSupport.parkNanos(20_000_000L);
        }
      }, "bench-heap");
      t.setDaemon(true);
      t.start();
    }

    void resetPeak() {
      peak.set(0);
    }

    Map<String, Object> report() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
      m.put("peak_used_mb_measurements", peak.get() >> 20);
      m.put("peak_used_mb_whole_run", peakAll.get() >> 20);
      m.put("committed_mb_at_end", memory.getHeapMemoryUsage().getCommitted() >> 20);
      long count = 0;
      long time = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        count += Math.max(0, gc.getCollectionCount());
        time += Math.max(0, gc.getCollectionTime());
      }
      m.put("gc_count", count);
      m.put("gc_ms", time);
      m.put("sampled_every_ms", 20);
      return m;
    }
  }

  private interface Work {
    void run() throws Exception;
  }

  private static Double time(Work w) throws Exception {
    long t = System.nanoTime();
    w.run();
    return ms(System.nanoTime() - t);
  }

  private static Double ms(long nanos) {
    return Timings.round(nanos / 1e6);
  }

  private static String mb(Long bytes) {
    return bytes == null ? "-" : String.format("%.1f", bytes / 1048576.0);
  }

  private static String sqliteVersion() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private void say(String format, Object... args) {
    log.println(args.length == 0 ? format : String.format(format, args));
    log.flush();
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> all = Files.walk(p)) {
      for (Path x : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
