package dev.tollgate.gateway.health;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.models.SecretBox;
import dev.tollgate.providers.spi.CallTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Takes a deployment's credentials out of a text before it leaves the gateway. A health probe's error is the
 * upstream's own message (or the transport's), and an upstream may echo what it was sent (a key in a URL, a header
 * value in a proxy's error page); every credential value the call carried is replaced by {@value #MASK}.
 */
final class SecretScrubber {
  static final String MASK = "[redacted]";
  /** Shorter values are not credentials worth hiding, and masking them would mangle ordinary words. */
  private static final int MIN_LENGTH = 6;
  private final List<String> secrets;

  private SecretScrubber(List<String> secrets) {
    List<String> sorted = new ArrayList<>(secrets);
    sorted.sort(Comparator.comparingInt(String::length).reversed()); // a longer secret first, if one contains another
    this.secrets = List.copyOf(sorted);
  }

  /** The credentials of a call target: its key, secret settings and params, and auth-like header values. */
  static SecretScrubber of(CallTarget target) {
    List<String> out = new ArrayList<>();
    add(out, target.apiKey());
    addSecrets(out, target.settings());
    addSecrets(out, target.params());
    for (Map.Entry<String, String> h : target.headers().entrySet()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.contains("auth") || name.contains("key") || name.contains("token") || name.contains("secret")) {
        add(out, h.getValue());
        if (h.getValue() != null && h.getValue().regionMatches(true, 0, "Bearer ", 0, 7)) {
          add(out, h.getValue().substring(7));
        }
      }
    }
    return new SecretScrubber(out);
  }

  String scrub(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, MASK);
    }
    return out;
  }

  private static void addSecrets(List<String> out, Map<String, JsonNode> values) {
    for (String name : SecretBox.SECRET_PARAMS) {
      JsonNode v = values.get(name);
      if (v == null) {
        continue;
      }
      if (v.isTextual()) {
        add(out, v.textValue());
      } else if (v.isObject()) { // vertex_credentials as an object: its private key and the like
        for (Map.Entry<String, JsonNode> e : v.properties()) {
          String field = e.getKey().toLowerCase(Locale.ROOT);
          if (e.getValue().isTextual() && (field.contains("key") || field.contains("secret")
              || field.contains("token"))) {
            add(out, e.getValue().textValue());
          }
        }
      }
    }
  }

  private static void add(List<String> out, String value) {
    if (value != null && value.length() >= MIN_LENGTH && !out.contains(value)) {
      out.add(value);
    }
  }
}
