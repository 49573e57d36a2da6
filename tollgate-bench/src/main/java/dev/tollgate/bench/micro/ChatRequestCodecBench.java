package dev.tollgate.bench.micro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The chat request JSON codec on a realistic ~2.5 KB request ({@code bench-fixtures/chat-request.json}: system prompt,
 * multi-turn messages with a tool call and tool result, a tool with a JSON schema, a json_schema response_format and
 * provider fields Tollgate does not model, which are kept in {@code extra}).
 *
 * <ul>
 *   <li>{@code parse}: bytes to ChatRequest the way the gateway does it ({@code RequestBodies.chat}): read a tree (so
 *       validation can name the bad field), then bind the tree.
 *   <li>{@code parseDirect}: bytes to ChatRequest in one streaming pass ({@code Json.read}), for comparison.
 *   <li>{@code treeOnly}: bytes to JsonNode, no binding.
 *   <li>{@code serialize}: ChatRequest to bytes ({@code Json.write}).
 *   <li>{@code roundTrip}: {@code parse} then {@code serialize}.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ChatRequestCodecBench {
  static final String FIXTURE = "chat-request.json";

  byte[] body;
  ChatRequest request;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    body = BenchFixtures.bytes(FIXTURE);
    request = parse();
  }

  @Benchmark
  public ChatRequest parse() throws IOException {
    JsonNode tree = Json.MAPPER.readTree(body);
    // RequestBodies.chat checks model and messages on the tree before binding it.
    ObjectNode object = (ObjectNode) tree;
    if (!object.path("model").isTextual() || !object.path("messages").isArray()) {
      throw new IllegalStateException("fixture is not a chat request");
    }
    return Json.MAPPER.treeToValue(object, ChatRequest.class);
  }

  @Benchmark
  public ChatRequest parseDirect() throws IOException {
    return Json.read(body, ChatRequest.class);
  }

  @Benchmark
  public JsonNode treeOnly() throws IOException {
    return Json.MAPPER.readTree(body);
  }

  @Benchmark
  public byte[] serialize() {
    return Json.write(request);
  }

  @Benchmark
  public byte[] roundTrip() throws IOException {
    return Json.write(parse());
  }
}
