package dev.tollgate.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.ControlParams;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The cache key of a request: {@code [<namespace>:]sha256_hex(canonical)} where {@code canonical} is the request body
 * as compact JSON with {@code model} replaced by the model group, every field that does not change the answer left
 * out ({@link #IGNORED} and the gateway's control fields, {@link ControlParams#NAMES}: {@code user}, {@code metadata},
 * {@code stream}, {@code stream_options}, {@code cache}, {@code tags}, retries, timeouts, credentials, ...), object
 * keys sorted at every depth, and numbers written in their shortest plain decimal form ({@code 1}, {@code 1.0} and
 * {@code 1.00} are all {@code 1}). Arrays keep their order. The recipe is documented in docs/caching.md; changing it
 * invalidates every stored entry.
 */
public final class CacheKey {
  /** Body fields that never change the answer, besides {@link ControlParams#NAMES}. */
  public static final Set<String> IGNORED = Set.of("model", "user", "stream", "stream_options", "extra_body",
      "litellm_metadata", "safety_identifier");

  private CacheKey() {}

  /**
   * @param group the model group the request resolved to (all its deployments share entries)
   * @param body the request body as the client sent it (control fields still present)
   * @param namespace the namespace, or null for none
   */
  public static String of(String group, ObjectNode body, String namespace) {
    String hash = sha256(canonical(group, body));
    return namespace == null || namespace.isEmpty() ? hash : namespace + ":" + hash;
  }

  /** The canonical text that is hashed (exposed for tests and for debugging a miss). */
  public static String canonical(String group, ObjectNode body) {
    StringBuilder out = new StringBuilder(256);
    List<String> names = new ArrayList<>();
    body.fieldNames().forEachRemaining(n -> {
      if (!IGNORED.contains(n) && !ControlParams.NAMES.contains(n) && !body.get(n).isNull()) {
        names.add(n);
      }
    });
    names.add("model");
    Collections.sort(names);
    out.append('{');
    boolean first = true;
    for (String name : names) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(out, name);
      out.append(':');
      if (name.equals("model")) {
        string(out, group);
      } else {
        write(out, body.get(name));
      }
    }
    return out.append('}').toString();
  }

  private static void write(StringBuilder out, JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      out.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        string(out, names.get(i));
        out.append(':');
        write(out, node.get(names.get(i)));
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(out, node.get(i));
      }
      out.append(']');
    } else if (node.isNumber()) {
      BigDecimal n = node.decimalValue().stripTrailingZeros();
      out.append(n.signum() == 0 ? "0" : n.toPlainString());
    } else if (node.isTextual()) {
      string(out, node.asText());
    } else {
      out.append(node.toString()); // true, false, null
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append(dev.tollgate.providers.types.Json.writeString(
        com.fasterxml.jackson.databind.node.TextNode.valueOf(s)));
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
