package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The guardrails of one request and the hooks that run them, confined to the request's event loop:
 *
 * <ul>
 *   <li>{@link #preCall}: {@code pre_call} guardrails in config order on the request's message texts; a block throws
 *       the 400, a mask rewrites the messages in the body (what the upstream receives and what the spend row keeps);
 *   <li>{@link #duringCall}: {@code during_call} guardrails on the (pre-call) input, run once the model call has
 *       been sent; {@link #duringCallBlock} is checked before the answer is released;
 *   <li>{@link #postCall}: {@code post_call} guardrails in reverse config order on the reply's texts (block or mask);
 *       {@link #streamGuard} cuts a stream when one trips (block only);
 *   <li>{@link #storedTextFilter}: {@code logging_only} masks for the stored prompt and response.
 * </ul>
 *
 * Each run is recorded on the spend row and in the metrics ({@link RunLog}).
 */
public final class RequestGuardrails {
  private static final RequestGuardrails NONE = new RequestGuardrails(List.of(), null, GuardrailMetrics.NONE);
  private final List<ConfiguredGuardrail> active;
  private final RunLog log;
  private List<String> input = List.of();
  private ApiError duringBlock;
  private boolean duringRan;

  private RequestGuardrails(List<ConfiguredGuardrail> active, CallRecord record, GuardrailMetrics metrics) {
    this.active = active;
    this.log = new RunLog(record, metrics);
  }

  /**
   * The guardrails that apply to a request.
   *
   * @param metadata the body's metadata object ({@code metadata}, or {@code litellm_metadata} on /v1/messages)
   */
  public static RequestGuardrails of(GuardrailSet set, ObjectNode body, JsonNode metadata, VirtualKey key,
      CallRecord record, GuardrailMetrics metrics) {
    List<ConfiguredGuardrail> active = set.active(body, metadata, key);
    if (active.isEmpty()) {
      return NONE;
    }
    if (body != null) {
      body.remove("guardrails"); // a Tollgate control field: never sent upstream
    }
    RequestGuardrails guards = new RequestGuardrails(active, record, metrics);
    if (record != null && guards.runs(GuardrailMode.LOGGING_ONLY)) {
      record.storedTextFilter = guards.storedTextFilter();
    }
    return guards;
  }

  public boolean isEmpty() {
    return active.isEmpty();
  }

  /** The names for {@code x-litellm-applied-guardrails}, comma-separated; empty when none apply. */
  public String appliedHeader() {
    List<String> names = new ArrayList<>(active.size());
    active.forEach(g -> names.add(g.name()));
    return String.join(",", names);
  }

  public boolean runs(GuardrailMode mode) {
    for (ConfiguredGuardrail g : active) {
      if (g.runs(mode)) {
        return true;
      }
    }
    return false;
  }

  /** Runs the pre-call guardrails on {@code body}'s messages; masks them in place; throws the 400 on a block. */
  public void preCall(ObjectNode body) {
    if (active.isEmpty()) {
      return;
    }
    MessageTexts texts = MessageTexts.ofRequest(body);
    for (ConfiguredGuardrail g : active) {
      if (g.runs(GuardrailMode.PRE_CALL)) {
        apply(g, GuardrailMode.PRE_CALL, texts, true);
      }
    }
    input = List.copyOf(texts.texts());
  }

  /** Applies the pre-call masks again to a re-read copy of the body (a retry), without recording a run. */
  public void remask(ObjectNode body) {
    if (!runs(GuardrailMode.PRE_CALL)) {
      return;
    }
    MessageTexts texts = MessageTexts.ofRequest(body);
    for (ConfiguredGuardrail g : active) {
      if (g.runs(GuardrailMode.PRE_CALL) && g.check().check(texts.texts()) instanceof Verdict.Masked m) {
        texts.write(m.texts());
      }
    }
  }

  /** Runs the during-call guardrails on the input, once; call it after the model call was sent. */
  public void duringCall() {
    if (duringRan) {
      return;
    }
    duringRan = true;
    for (ConfiguredGuardrail g : active) {
      if (g.runs(GuardrailMode.DURING_CALL) && duringBlock == null) {
        long start = System.nanoTime();
        Verdict v = g.check().check(input);
        Verdict recorded = v instanceof Verdict.Masked ? Verdict.PASS : v; // during_call cannot edit what was sent
        log.ran(g, GuardrailMode.DURING_CALL, recorded, start);
        if (recorded instanceof Verdict.Blocked b) {
          duringBlock = GuardrailBlocked.error(g.name(), GuardrailMode.DURING_CALL, b.entities());
        }
      }
    }
  }

  /** The 400 a during-call guardrail raised, or null when they all passed. */
  public ApiError duringCallBlock() {
    return duringBlock;
  }

  /**
   * Runs the post-call guardrails (reverse config order) on a whole reply (OpenAI or Anthropic JSON); returns the
   * reply, masked when a guardrail masked; throws the 400 on a block.
   */
  public byte[] postCall(byte[] reply) {
    if (!runs(GuardrailMode.POST_CALL)) {
      return reply;
    }
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(reply);
    } catch (IOException e) {
      return reply; // not JSON: nothing to scan
    }
    MessageTexts texts = MessageTexts.ofReply(tree);
    boolean masked = false;
    for (int i = active.size() - 1; i >= 0; i--) {
      ConfiguredGuardrail g = active.get(i);
      if (g.runs(GuardrailMode.POST_CALL)) {
        masked |= apply(g, GuardrailMode.POST_CALL, texts, true);
      }
    }
    return masked ? Json.write(tree) : reply;
  }

  /**
   * Checks a stream's text so far with the post-call guardrails; throws the 400 when one blocks (masks are ignored:
   * text already sent cannot be taken back, so streams are block-only).
   */
  public void streamCheck(String textSoFar, boolean last) {
    for (int i = active.size() - 1; i >= 0; i--) {
      ConfiguredGuardrail g = active.get(i);
      if (g.runs(GuardrailMode.POST_CALL)) {
        long start = System.nanoTime();
        Verdict v = g.check().check(List.of(textSoFar));
        if (v instanceof Verdict.Blocked b) {
          log.ran(g, GuardrailMode.POST_CALL, v, start);
          throw GuardrailBlocked.error(g.name(), GuardrailMode.POST_CALL, b.entities());
        }
        if (last) {
          log.ran(g, GuardrailMode.POST_CALL, Verdict.PASS, start);
        }
      }
    }
  }

  /** The logging-only masks, for a stored prompt or response (JSON text); unchanged when nothing is found. */
  public UnaryOperator<String> storedTextFilter() {
    return stored -> {
      if (stored == null) {
        return null;
      }
      JsonNode tree;
      try {
        tree = Json.MAPPER.readTree(stored);
      } catch (IOException e) {
        return stored;
      }
      List<ObjectNode> parents = new ArrayList<>();
      List<String> fields = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      collect(tree, parents, fields, texts);
      boolean masked = false;
      for (ConfiguredGuardrail g : active) {
        if (g.runs(GuardrailMode.LOGGING_ONLY)) {
          long start = System.nanoTime();
          Verdict v = g.check().check(texts);
          log.ran(g, GuardrailMode.LOGGING_ONLY, v instanceof Verdict.Blocked ? Verdict.PASS : v, start);
          if (v instanceof Verdict.Masked m) {
            texts = new ArrayList<>(m.texts());
            masked = true;
          }
        }
      }
      if (!masked) {
        return stored;
      }
      for (int i = 0; i < parents.size(); i++) {
        parents.get(i).put(fields.get(i), texts.get(i));
      }
      return Json.writeString(tree);
    };
  }

  private static void collect(JsonNode node, List<ObjectNode> parents, List<String> fields, List<String> texts) {
    if (node instanceof ObjectNode o) {
      o.properties().forEach(e -> {
        if (e.getValue().isTextual()) {
          parents.add(o);
          fields.add(e.getKey());
          texts.add(e.getValue().asText());
        } else {
          collect(e.getValue(), parents, fields, texts);
        }
      });
    } else if (node != null && node.isArray()) {
      node.forEach(n -> collect(n, parents, fields, texts));
    }
  }

  /** Runs {@code g}; writes a mask back when {@code mayMask}; throws on a block; returns true when it masked. */
  private boolean apply(ConfiguredGuardrail g, GuardrailMode mode, MessageTexts texts, boolean mayMask) {
    long start = System.nanoTime();
    Verdict v = g.check().check(texts.texts());
    log.ran(g, mode, v, start);
    switch (v) {
      case Verdict.Blocked b -> throw GuardrailBlocked.error(g.name(), mode, b.entities());
      case Verdict.Masked m -> {
        if (mayMask) {
          texts.write(m.texts());
          return true;
        }
        return false;
      }
      case Verdict.Pass p -> {
        return false;
      }
    }
  }
}
