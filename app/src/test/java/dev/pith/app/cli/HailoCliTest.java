package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pith.inference.hailo.FakeHailoOllama;
import dev.pith.inference.power.PowerMeters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate --backend hailo} and {@code doctor}'s NPU rows against the fake hailo-ollama over real HTTP. */
class HailoCliTest {
  @TempDir Path home;
  private FakeHailoOllama fake;
  private final Map<String, String> environment = new HashMap<>();

  @BeforeEach
  void start() throws Exception {
    fake = FakeHailoOllama.start();
    environment.put("PITH_SYSFS_ROOT", home.resolve("sysfs").toString());
  }

  @AfterEach
  void stop() throws Exception {
    fake.close();
  }

  private CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of("--data-dir", home.resolve("data").toString()));
    all.addAll(List.of(args));
    return CliRun.of(TestContexts.withEnvironment(home, environment), all.toArray(String[]::new));
  }

  private CliRun generate(String model, String... options) {
    List<String> args = new ArrayList<>(List.of("generate", "--backend", "hailo", "--hailo-url",
        fake.url().toString(), "--model", model, "--prompt", "Hi?"));
    args.addAll(List.of(options));
    return run(args.toArray(String[]::new));
  }

  @Test
  void generateStreamsTheNpusAnswerWithPithsOwnStats() {
    CliRun run = generate("qwen2.5-1.5b-instruct-hailo");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("Hello, wörld!\n", run.out());
    String summary = run.errLines().get(run.errLines().size() - 1);
    assertTrue(summary.contains(" prompt + 4 generated tokens | TTFT ") && summary.endsWith("| stop: eos | backend"
        + " hailo"), run::toString);
    JsonNode chat = fake.lastChat();
    assertEquals("Hi?", chat.get("messages").get(0).get("content").asText());
    assertEquals(-1, chat.get("keep_alive").asInt());
  }

  @Test
  void jsonPrintsTokenLinesAndADoneLineFromTheHailoBackend() {
    fake.pieceDelay(Duration.ofMillis(10));
    CliRun run = generate("qwen2.5-instruct:1.5b", "--json");
    assertEquals(0, run.exitCode(), run::toString);
    List<JsonNode> lines = run.jsonLines();
    assertEquals(5, lines.size(), run::toString);
    for (int i = 0; i < 4; i++) {
      assertEquals("token", lines.get(i).get("type").asText());
      assertEquals(i, lines.get(i).get("id").asInt());
      assertEquals(FakeHailoOllama.DEFAULT_REPLY.get(i), lines.get(i).get("text").asText());
    }
    JsonNode done = lines.get(4);
    assertEquals("done", done.get("type").asText());
    assertEquals("hailo", done.get("backend").asText());
    assertEquals(4, done.get("generated_tokens").asInt());
    assertEquals("eos", done.get("stop_reason").asText());
    assertTrue(done.get("ttft_ms").asDouble() >= 10, done::toString);
    assertTrue(done.get("decode_tps").asDouble() > 0, done::toString);
    assertTrue(done.get("prompt_tokens").asInt() > 0, done::toString);
    assertEquals(PowerMeters.NPU_NOT_INCLUDED, done.get("power_note").asText(), done::toString);
    assertEquals("none", done.get("power_source").asText(), done::toString);
    assertTrue(done.get("energy_j").isNull(), done::toString);
  }

  @Test
  void theNpusAnswerHasTheMetersEnergyAndSaysTheNpuIsNotIncluded() throws Exception {
    PowerFixtures.hwmon(home.resolve("sysfs"), 4_500_000);
    fake.pieceDelay(Duration.ofMillis(20));

    CliRun json = generate("qwen2.5-instruct:1.5b", "--json");
    CliRun plain = generate("qwen2.5-instruct:1.5b");

    assertEquals(0, json.exitCode(), json::toString);
    List<JsonNode> lines = json.jsonLines();
    JsonNode done = lines.get(lines.size() - 1);
    assertEquals("hwmon " + PowerFixtures.SENSOR, done.get("power_source").asText(), done::toString);
    double seconds = done.get("total_ms").asDouble() / 1000;
    assertEquals(4.5 * seconds, done.get("energy_j").asDouble(), 0.1 * 4.5 * seconds, done::toString);
    assertEquals(PowerMeters.NPU_NOT_INCLUDED, done.get("power_note").asText(), done::toString);
    String summary = plain.errLines().get(plain.errLines().size() - 1);
    assertTrue(summary.endsWith(" W avg (hwmon " + PowerFixtures.SENSOR + "; " + PowerMeters.NPU_NOT_INCLUDED + ")"),
        plain::toString);
  }

  @Test
  void theUrlMayComeFromTheEnvironment() {
    environment.put("PITH_HAILO_URL", fake.url().toString());
    CliRun run = run("generate", "--backend", "hailo", "--model", "qwen2.5-instruct:1.5b", "--prompt", "Hi?");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("Hello, wörld!\n", run.out());
  }

  @Test
  void aMissingModelIsPulledWithProgressOnStderr() {
    fake.version("5.3.0");
    CliRun run = generate("deepseek-r1-distill-qwen-1.5b-hailo");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("deepseek_r1:1.5b", fake.requests("/api/pull").get(0).json().get("model").asText());
    assertTrue(run.errLines().containsAll(List.of("hailo-ollama is pulling deepseek_r1:1.5b: pulling manifest",
        "hailo-ollama is pulling deepseek_r1:1.5b: downloading 33% of 3 kB",
        "hailo-ollama is pulling deepseek_r1:1.5b: success")), run::toString);
    assertEquals("Hello, wörld!\n", run.out());
  }

  @Test
  void aCpuModelOrRawTextOnTheNpuIsOneLine() {
    CliRun cpu = generate("qwen2.5-1.5b-instruct-int4-cpu");
    assertEquals(1, cpu.exitCode(), cpu::toString);
    assertEquals(List.of("pith: qwen2.5-1.5b-instruct-int4-cpu is a CPU model; on the NPU use one of"
        + " qwen2.5-1.5b-instruct-hailo, deepseek-r1-distill-qwen-1.5b-hailo, or a model name hailo-ollama lists"),
        cpu.errLines());
    CliRun raw = generate("qwen2.5-instruct:1.5b", "--raw");
    assertEquals(2, raw.exitCode(), raw::toString);
    assertTrue(raw.err().contains("--raw needs --backend cpu: hailo-ollama takes a chat"), raw::toString);
    assertTrue(fake.requests().isEmpty(), "nothing was sent");
  }

  @Test
  void aServerErrorIsOneLineAndExitCodeOne() {
    fake.failNextChat(FakeHailoOllama.Fault.STATUS_500);
    CliRun run = generate("qwen2.5-instruct:1.5b");
    assertEquals(1, run.exitCode(), run::toString);
    assertEquals(List.of("pith: hailo-ollama at " + fake.url() + " answered HTTP 500: failed to run inference on"
        + " the model"), run.errLines());
  }

  @Test
  void doctorPrintsEachNpuStepForADeviceAndAServer() throws Exception {
    Path sysfs = home.resolve("sysfs");
    Path hailo = Files.createDirectories(sysfs.resolve("sys/bus/pci/devices/0001:01:00.0"));
    Files.writeString(hailo.resolve("vendor"), "0x1e60\n");
    Files.writeString(hailo.resolve("device"), "0x45c4\n");
    Files.createDirectories(sysfs.resolve("dev"));
    Files.writeString(sysfs.resolve("dev/hailo0"), "");

    CliRun run = run("doctor", "--hailo-url", fake.url().toString());

    assertEquals(0, run.exitCode(), run::toString);
    List<String> lines = run.outLines();
    int first = lines.indexOf("NPU device     ok: Hailo-10H at 0001:01:00.0");
    assertTrue(first > 0, run::toString);
    assertEquals(List.of(
        "NPU driver     ok: " + sysfs.resolve("dev/hailo0"),
        "NPU server     ok: hailo-ollama 5.1.1 at " + fake.url(),
        "NPU model      ok: qwen2.5-1.5b-instruct-hailo: qwen2.5-instruct:1.5b is on the server",
        "NPU model      missing: deepseek-r1-distill-qwen-1.5b-hailo: not on the server; Pith pulls"
            + " deepseek_r1_distill_qwen:1.5b when it is first used",
        "NPU            ready: qwen2.5-instruct:1.5b on hailo-ollama 5.1.1"), lines.subList(first + 1, first + 6));
    assertTrue(fake.requests("/api/pull").isEmpty() && fake.requests("/api/chat").isEmpty(), "doctor only looks");
  }
}
